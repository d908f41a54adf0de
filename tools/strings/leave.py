STRINGS = {
    "Officers' leave": ("Officers' leave", "Congés des agents"),
    "A period in which an officer is away for at least half of the days is unavailable to the planner: the officer stays posted but covers nothing. No reason is recorded.": (
        "A period in which an officer is away for at least half of the days is unavailable to the planner: the officer stays posted but covers nothing. No reason is recorded.",
        "Une période où l'agent est absent au moins la moitié des jours est indisponible pour la planification : l'agent reste affecté mais ne couvre rien. Aucun motif n'est enregistré."),
    "No current or coming leave.": ("No current or coming leave.", "Aucun congé en cours ou à venir."),
    "Cancel leave": ("Cancel leave", "Annuler le congé"),
    "leave started": ("started", "commencé"),
    "Record leave": ("Record leave", "Enregistrer un congé"),
    "First day": ("First day", "Premier jour"),
    "Last day": ("Last day", "Dernier jour"),
    'New last day': ('New last day', 'Nouveau dernier jour'),
    'on leave': ('on leave', 'en congé'),
}
