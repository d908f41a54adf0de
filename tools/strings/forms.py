STRINGS = {
    "Not saved": ("Not saved", "Non enregistré"),
    "Nothing was saved: the form sent a value that could not be read in these fields:": (
        "Nothing was saved: the form sent a value that could not be read in these fields:",
        "Rien n'a été enregistré : le formulaire a envoyé une valeur illisible dans ces champs :"),
    "Go back, correct them (a date as the date picker gives it, a whole number, one of the options offered) and send the form again.": (
        "Go back, correct them (a date as the date picker gives it, a whole number, one of the options offered) and send the form again.",
        "Revenez en arrière, corrigez-les (une date telle que la donne le sélecteur, un nombre entier, l'une des options proposées) et renvoyez le formulaire."),
    "Back to the page": ("Back to the page", "Retour à la page"),
}
