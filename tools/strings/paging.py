STRINGS = {
    "There is no page '{0}': pages are numbered from 1. This is page 1.": (
        "There is no page '{0}': pages are numbered from 1. This is page 1.",
        "Il n'y a pas de page « {0} » : les pages sont numérotées à partir de 1. Voici la page 1."),
    "Page {0} is past the last page ({1}).": (
        "Page {0} is past the last page ({1}).",
        "La page {0} est au-delà de la dernière page ({1})."),
    "Go to page 1": ("Go to page 1", "Aller à la page 1"),
}
