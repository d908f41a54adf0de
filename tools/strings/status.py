"""Status pages (StatusPage.Render): what a person in a browser reads when a request is refused before any page
answers it. Arabic too, since a member of the public reporting in Arabic can meet them."""

STRINGS = {
    "The page does not exist, or it is outside what your role and scope allow.": (
        "The page does not exist, or it is outside what your role and scope allow.",
        "La page n'existe pas, ou elle sort de ce que votre rôle et votre périmètre permettent.",
        "الصفحة غير موجودة، أو أنها خارج ما يسمح به دورك ونطاق صلاحياتك."),
    "Vigil home": ("Vigil home", "Accueil de Vigil", "الصفحة الرئيسية لـ Vigil"),
    "What you sent is larger than this form accepts: at most {0:0.#} MiB, a file included. Nothing was saved.": (
        "What you sent is larger than this form accepts: at most {0:0.#} MiB, a file included. Nothing was saved.",
        "Ce que vous avez envoyé dépasse ce que ce formulaire accepte : au plus {0:0.#} Mio, fichier compris. Rien n'a été enregistré.",
        "ما أرسلته أكبر مما يقبله هذا النموذج: {0:0.#} ميبيبايت على الأكثر، بما في ذلك الملف. لم يُحفظ شيء."),
    "This form is still being processed from when you first sent it. Open the page again in a minute to see what was recorded; do not send it again.": (
        "This form is still being processed from when you first sent it. Open the page again in a minute to see what was recorded; do not send it again.",
        "Ce formulaire est encore en cours de traitement depuis votre premier envoi. Rouvrez la page dans une minute pour voir ce qui a été enregistré ; ne l'envoyez pas de nouveau."),
    "Someone else changed or recorded this at the same moment. Reload and try again: nothing of yours was saved.": (
        "Someone else changed or recorded this at the same moment. Reload and try again: nothing of yours was saved.",
        "Quelqu'un d'autre a modifié ou enregistré ceci au même moment. Rechargez et réessayez : rien de ce que vous avez envoyé n'a été enregistré.",
        "غيّر شخص آخر هذا أو سجّله في اللحظة نفسها. أعد تحميل الصفحة وحاول مجددًا: لم يُحفظ شيء مما أرسلته."),
    "A value is longer than its field allows. Shorten it and send again: nothing was saved.": (
        "A value is longer than its field allows. Shorten it and send again: nothing was saved.",
        "Une valeur est plus longue que son champ ne le permet. Raccourcissez-la et envoyez de nouveau : rien n'a été enregistré.",
        "إحدى القيم أطول مما يسمح به حقلها. اختصرها وأعد الإرسال: لم يُحفظ شيء."),
    "Vigil cannot record this in its audit log, which failed its integrity check. Nothing was saved. An administrator must run `vigil audit verify`.": (
        "Vigil cannot record this in its audit log, which failed its integrity check. Nothing was saved. An administrator must run `vigil audit verify`.",
        "Vigil ne peut pas l'inscrire dans son journal d'audit, dont le contrôle d'intégrité a échoué. Rien n'a été enregistré. Un administrateur doit exécuter `vigil audit verify`.",
        "لا يستطيع Vigil تسجيل هذا في سجل التدقيق لأن فحص سلامته فشل. لم يُحفظ شيء. يجب على أحد المسؤولين تشغيل `vigil audit verify`."),
}
