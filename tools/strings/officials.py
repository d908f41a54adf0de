# UI strings of the officials list on the evaluations page (the conduct chief adds and ends appointments).
STRINGS = {
    "Add an official": ("Add an official", "Ajouter un responsable"),
    "Add official": ("Add official", "Ajouter le responsable"),
    "End appointment": ("End appointment", "Fin de fonctions"),
    "Last day in post": ("Last day in post", "Dernier jour en poste"),
    "End": ("End", "Terminer"),
    "First day in post": ("First day in post", "Premier jour en poste"),
    "Full name": ("Full name", "Nom complet"),
    "Role": ("Role", "Fonction"),
    "Nationality (ISO code, e.g. RWA)": ("Nationality (ISO code, e.g. RWA)", "Nationalité (code ISO, p. ex. RWA)"),
    "official-role:Commander": ("Commander", "Commandant"),
    "official-role:HeadOfOffice": ("Head of office", "Chef de bureau"),
}
