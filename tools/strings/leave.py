STRINGS = {
    # What the leave page says after a write (LeaveModel.Done): the formats, filled with codes and days.
    "Leave recorded: {0}, {1} to {2}.": ("Leave recorded: {0}, {1} to {2}.", "Congé enregistré : {0}, du {1} au {2}."),
    "Leave cancelled.": ("Leave cancelled.", "Congé annulé."),
    "Last day of leave changed to {0}.": ("Last day of leave changed to {0}.", "Dernier jour du congé changé : {0}."),
    "Departure recorded: {0}, last day in the mission {1}; {2} posting(s) end on it, {3} later one(s) removed. Plan again to cover them.": (
        "Departure recorded: {0}, last day in the mission {1}; {2} posting(s) end on it, {3} later one(s) removed. Plan again to cover them.",
        "Départ enregistré : {0}, dernier jour dans la mission le {1} ; {2} affectation(s) s'y terminent, {3} ultérieure(s) supprimée(s). Planifiez de nouveau pour les couvrir."),
    "Closure recorded: {0}, last day open {1}; {2} posting(s) end on it, {3} later one(s) removed. Plan again to cover them.": (
        "Closure recorded: {0}, last day open {1}; {2} posting(s) end on it, {3} later one(s) removed. Plan again to cover them.",
        "Fermeture enregistrée : {0}, dernier jour d'ouverture le {1} ; {2} affectation(s) s'y terminent, {3} ultérieure(s) supprimée(s). Planifiez de nouveau pour les couvrir."),
    "Departure withdrawn: {0} stays in the mission.": ("Departure withdrawn: {0} stays in the mission.", "Départ retiré : {0} reste dans la mission."),
    "Closure withdrawn: {0} stays open.": ("Closure withdrawn: {0} stays open.", "Fermeture retirée : {0} reste ouvert."),
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
    # Departures and closures (same page)
    "Departures and closures": ("Departures and closures", "Départs et fermetures"),
    "An officer's last day in the mission, or a site's last day open: postings past it end on it, later ones are removed, and the next plan is built without them. Plan again after recording one.":
        ("An officer's last day in the mission, or a site's last day open: postings past it end on it, later ones are removed, and the next plan is built without them. Plan again after recording one.",
         "Le dernier jour d'un agent dans la mission, ou le dernier jour d'ouverture d'un site : les affectations au-delà prennent fin ce jour-là, les suivantes sont supprimées, et le prochain plan est construit sans eux. Planifiez à nouveau après en avoir enregistré un."),
    "A contingent's departure is recorded from its site's page (Record departure): from the day after its last day its nationality no longer keeps co-national officers from the site.":
        ("A contingent's departure is recorded from its site's page (Record departure): from the day after its last day its nationality no longer keeps co-national officers from the site.",
         "Le départ d'un contingent s'enregistre depuis la page de son site (Enregistrer le départ) : dès le lendemain de son dernier jour, sa nationalité n'écarte plus du site les agents de même nationalité."),
    "None coming.": ("None coming.", "Aucun à venir."),
    "An officer leaves the mission": ("An officer leaves the mission", "Un agent quitte la mission"),
    "A site closes": ("A site closes", "Un site ferme"),
    "Record the departure": ("Record the departure", "Enregistrer le départ"),
    "Record the closure": ("Record the closure", "Enregistrer la fermeture"),
}
