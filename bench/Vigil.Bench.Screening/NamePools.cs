namespace Vigil.Bench.Screening;

/// <summary>
/// Name pools per naming tradition, for synthetic people only: given names and surnames are drawn
/// independently, so no generated person is a real one. Arabic and Cyrillic renderings exist for the
/// words listed in <see cref="Arabic"/> and <see cref="Cyrillic"/>.
/// </summary>
internal sealed record NamePool(string Tradition, string[] Nationalities, string[] Given, string[] Surnames, bool Patronymic)
{
    public static readonly NamePool[] All =
    [
        new("West African", ["SEN", "MLI", "GIN", "BFA", "NER", "CIV", "TCD"],
            ["Mamadou", "Moussa", "Ibrahima", "Abdoulaye", "Ousmane", "Amadou", "Seydou", "Boubacar", "Souleymane", "Aliou", "Lamine", "Modou",
             "Babacar", "Issa", "Adama", "Bakary", "Salif", "Daouda", "Yacouba", "Sekou", "Oumar", "Fatoumata", "Aissatou", "Mariama", "Kadiatou",
             "Awa", "Aminata", "Ramatoulaye", "Djeneba", "Idrissa", "Mahamadou", "Alassane", "Tidiane", "Papa", "Malick", "Assane", "Samba", "Demba"],
            ["Diallo", "Traore", "Coulibaly", "Keita", "Sow", "Diop", "Ndiaye", "Camara", "Konate", "Sylla", "Toure", "Cisse", "Sanogo", "Ouedraogo",
             "Sawadogo", "Kone", "Diarra", "Sangare", "Barry", "Kouyate", "Fofana", "Doumbia", "Dembele", "Sidibe", "Maiga", "Haidara", "Tall",
             "Fall", "Sarr", "Gueye", "Faye", "Mbaye", "Seck", "Niang", "Kane", "Thiam", "Dieng", "Cissoko", "Bamba", "Kante", "Soumare", "Tounkara"],
            Patronymic: false),
        new("Arabic", ["EGY", "JOR", "MAR", "TUN", "SDN", "YEM"],
            ["Mohamed", "Ahmed", "Ali", "Omar", "Hassan", "Hussein", "Ibrahim", "Youssef", "Khaled", "Abdullah", "Mustafa", "Mahmoud", "Abdelrahman",
             "Tarek", "Said", "Karim", "Walid", "Hamza", "Bilal", "Samir", "Nabil", "Adel", "Osman", "Suleiman", "Yasser", "Fatima", "Aisha", "Mariam", "Khadija", "Salma"],
            ["al-Masri", "Haddad", "Mansour", "Nasser", "Khalil", "Saleh", "Hamdan", "Qasim", "Ashour", "Farouk", "el-Sayed", "Darwish", "Shaker",
             "Barakat", "Zaki", "Fathi", "Ghanem", "Hijazi", "Rashid", "Sabri", "Tawfik", "Yassin", "Zahran", "Amin", "Naguib", "Bensalem",
             "Chaoui", "Tazi", "Alaoui", "Bennani", "al-Khatib", "al-Amri", "Jaber", "Awad", "Salem", "Hamdi", "Nour", "Abdelaziz"],
            Patronymic: true),
        new("East African", ["KEN", "TZA", "UGA", "RWA", "ETH"],
            ["John", "Joseph", "Peter", "James", "David", "Samuel", "Daniel", "Emmanuel", "Grace", "Mary", "Faith", "Juma", "Baraka", "Hamisi",
             "Abdi", "Yusuf", "Tesfaye", "Dawit", "Alemayehu", "Girma", "Mulugeta", "Eric", "Patrick", "Jean Claude", "Innocent", "Esther"],
            ["Otieno", "Odhiambo", "Ochieng", "Kamau", "Mwangi", "Njoroge", "Kipchoge", "Mutua", "Wanjiru", "Mugisha", "Habimana", "Niyonzima",
             "Uwimana", "Mohamud", "Tadesse", "Bekele", "Haile", "Kebede", "Mengistu", "Okello", "Ssempala", "Mushi", "Massawe", "Nkurunziza",
             "Ndayishimiye", "Kiprono", "Chebet", "Wafula", "Barasa", "Onyango"],
            Patronymic: false),
        new("South Asian", ["IND", "PAK", "BGD", "NPL"],
            ["Rajesh", "Suresh", "Amit", "Vijay", "Sanjay", "Ravi", "Anil", "Sunil", "Manoj", "Ramesh", "Muhammad", "Imran", "Asif", "Tariq",
             "Shahid", "Farhan", "Rahul", "Deepak", "Abdul Karim", "Arjun", "Bishnu", "Krishna", "Ram", "Nasir", "Zahid", "Priya", "Sunita"],
            ["Kumar", "Singh", "Sharma", "Patel", "Yadav", "Gupta", "Khan", "Hussain", "Chowdhury", "Rahman", "Islam", "Hossain", "Thapa",
             "Gurung", "Shrestha", "Tamang", "Reddy", "Nair", "Iyer", "Malik", "Qureshi", "Butt", "Chaudhry", "Mishra", "Pandey", "Rana", "Magar"],
            Patronymic: false),
        new("Slavic", ["RUS", "UKR", "SRB", "BLR"],
            ["Sergey", "Aleksandr", "Dmitry", "Andrey", "Vladimir", "Nikolai", "Yevgeny", "Ivan", "Oleg", "Igor", "Mikhail", "Yuri", "Pavel", "Viktor", "Olga", "Natalia"],
            ["Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Pavlov",
             "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Jovanovic", "Petrovic", "Nikolic", "Markovic", "Orlov", "Zaitsev"],
            Patronymic: false),
        new("Latin", ["URY", "BRA", "PER", "GTM", "ARG"],
            ["Juan", "Jose", "Luis", "Carlos", "Miguel", "Jorge", "Pedro", "Diego", "Andres", "Fernando", "Ana", "Maria", "Lucia", "Paulo", "Joao"],
            ["Garcia", "Rodriguez", "Martinez", "Lopez", "Gonzalez", "da Silva", "dos Santos", "Pereira", "Oliveira", "Fernandez", "Ramirez",
             "Torres", "Flores", "Vargas", "Castillo", "Mendoza", "de Souza", "Almeida", "Costa", "Ribeiro"],
            Patronymic: false),
    ];

    /// <summary>Arabic-script spellings of pool words, for cross-script rosters.</summary>
    public static readonly Dictionary<string, string> Arabic = new(StringComparer.Ordinal)
    {
        ["Mohamed"] = "محمد", ["Ahmed"] = "أحمد", ["Ali"] = "علي", ["Omar"] = "عمر", ["Hassan"] = "حسن", ["Hussein"] = "حسين",
        ["Ibrahim"] = "إبراهيم", ["Youssef"] = "يوسف", ["Khaled"] = "خالد", ["Abdullah"] = "عبد الله", ["Mustafa"] = "مصطفى",
        ["Mahmoud"] = "محمود", ["Abdelrahman"] = "عبد الرحمن", ["Tarek"] = "طارق", ["Said"] = "سعيد", ["Karim"] = "كريم", ["Walid"] = "وليد",
        ["Hamza"] = "حمزة", ["Bilal"] = "بلال", ["Samir"] = "سمير", ["Nabil"] = "نبيل", ["Adel"] = "عادل", ["Osman"] = "عثمان",
        ["Suleiman"] = "سليمان", ["Yasser"] = "ياسر", ["Fatima"] = "فاطمة", ["Aisha"] = "عائشة", ["Mariam"] = "مريم", ["Khadija"] = "خديجة",
        ["Salma"] = "سلمى", ["al-Masri"] = "المصري", ["Haddad"] = "حداد", ["Mansour"] = "منصور", ["Nasser"] = "ناصر", ["Khalil"] = "خليل",
        ["Saleh"] = "صالح", ["Hamdan"] = "حمدان", ["Qasim"] = "قاسم", ["Ashour"] = "عاشور", ["Farouk"] = "فاروق", ["el-Sayed"] = "السيد",
        ["Darwish"] = "درويش", ["Shaker"] = "شاكر", ["Barakat"] = "بركات", ["Zaki"] = "زكي", ["Fathi"] = "فتحي", ["Ghanem"] = "غانم",
        ["Hijazi"] = "حجازي", ["Rashid"] = "رشيد", ["Sabri"] = "صبري", ["Tawfik"] = "توفيق", ["Yassin"] = "ياسين", ["Zahran"] = "زهران",
        ["Amin"] = "أمين", ["Naguib"] = "نجيب", ["al-Khatib"] = "الخطيب", ["al-Amri"] = "العمري", ["Jaber"] = "جابر", ["Awad"] = "عوض",
        ["Salem"] = "سالم", ["Hamdi"] = "حمدي", ["Nour"] = "نور", ["Abdelaziz"] = "عبد العزيز", ["Bensalem"] = "بن سالم", ["Chaoui"] = "الشاوي",
        ["Tazi"] = "التازي", ["Alaoui"] = "العلوي", ["Bennani"] = "بناني",
    };

    /// <summary>Cyrillic spellings of pool words.</summary>
    public static readonly Dictionary<string, string> Cyrillic = new(StringComparer.Ordinal)
    {
        ["Sergey"] = "Сергей", ["Aleksandr"] = "Александр", ["Dmitry"] = "Дмитрий", ["Andrey"] = "Андрей", ["Vladimir"] = "Владимир",
        ["Nikolai"] = "Николай", ["Yevgeny"] = "Евгений", ["Ivan"] = "Иван", ["Oleg"] = "Олег", ["Igor"] = "Игорь", ["Mikhail"] = "Михаил",
        ["Yuri"] = "Юрий", ["Pavel"] = "Павел", ["Viktor"] = "Виктор", ["Olga"] = "Ольга", ["Natalia"] = "Наталья", ["Ivanov"] = "Иванов",
        ["Petrov"] = "Петров", ["Smirnov"] = "Смирнов", ["Kuznetsov"] = "Кузнецов", ["Popov"] = "Попов", ["Volkov"] = "Волков",
        ["Sokolov"] = "Соколов", ["Lebedev"] = "Лебедев", ["Kozlov"] = "Козлов", ["Novikov"] = "Новиков", ["Morozov"] = "Морозов",
        ["Pavlov"] = "Павлов", ["Shevchenko"] = "Шевченко", ["Kovalenko"] = "Коваленко", ["Bondarenko"] = "Бондаренко",
        ["Tkachenko"] = "Ткаченко", ["Melnyk"] = "Мельник", ["Jovanovic"] = "Јовановић", ["Petrovic"] = "Петровић", ["Nikolic"] = "Николић",
        ["Markovic"] = "Марковић", ["Orlov"] = "Орлов", ["Zaitsev"] = "Зайцев",
    };
}
