# The conduct chief's additions in the application (Pages/Sites/New, Officers/New, Contingents/New; RecordAdditions):
# a site that opens, a conduct officer who joins, a contingent that arrives; and the notices after them.
_FR = {
    # Pages
    "Open a site in {0}": "Ouvrir un site dans {0}",
    "Open a site": "Ouvrir un site",
    "Open the site": "Ouvrir le site",
    "Code (e.g. MINUSCA-BRI)": "Code (p. ex. MINUSCA-BRI)",
    "A site the mission opens, as an import would add it. It shows without a conduct officer on the coverage view until one is posted there, and is in the next rotation plan built; a plan built before it does not cover it: plan again. The addition is audited.":
        "Un site que la mission ouvre, tel qu'une importation l'ajouterait. Il figure sans agent de déontologie dans la vue de couverture jusqu'à ce qu'un agent y soit affecté, et entre dans le prochain plan de rotation construit ; un plan construit avant lui ne le couvre pas : planifiez à nouveau. L'ajout est journalisé.",
    "Add a conduct officer to {0}": "Ajouter un agent de déontologie à {0}",
    "Add a conduct officer": "Ajouter un agent de déontologie",
    "Add the officer": "Ajouter l'agent",
    "Code (e.g. CDO-0042)": "Code (p. ex. CDO-0042)",
    "Posted now at": "Affecté actuellement à",
    "Posted there since": "Affecté depuis le",
    "Not posted yet": "Pas encore affecté",
    "An officer who joins the mission, as an import would add them, with the site where they serve now if they already do. The officer is in the next rotation plan built; a plan built before is refused at approval: plan again. The addition is audited.":
        "Un agent qui rejoint la mission, tel qu'une importation l'ajouterait, avec le site où il sert déjà, le cas échéant. L'agent entre dans le prochain plan de rotation construit ; un plan construit avant est refusé à l'approbation : planifiez à nouveau. L'ajout est journalisé.",
    "Register an arriving contingent at {0}": "Enregistrer l'arrivée d'un contingent à {0}",
    "Register an arriving contingent": "Enregistrer l'arrivée d'un contingent",
    "Register the arrival": "Enregistrer l'arrivée",
    "Code (e.g. MINUSCA-BRI-RWA-INF-1)": "Code (p. ex. MINUSCA-BRI-RWA-INF-1)",
    "Last day (if known)": "Dernier jour (s'il est connu)",
    "A contingent that arrives at this site, as an import would add it. Conduct officers of its nationality may not serve here while it is deployed: the site page names those posted here now or in its dates, to plan again; a plan built before that posts one of them here is refused at approval. The addition is audited.":
        "Un contingent qui arrive sur ce site, tel qu'une importation l'ajouterait. Les agents de déontologie de sa nationalité ne peuvent pas servir ici tant qu'il est déployé : la page du site nomme ceux qui y sont affectés maintenant ou pendant ses dates, pour planifier à nouveau ; un plan construit avant qui en affecte un ici est refusé à l'approbation. L'ajout est journalisé.",
    # Notices
    "Site {0} opened. No conduct officer is posted here yet: plan again, or add one posted here.": "Site {0} ouvert. Aucun agent de déontologie n'y est encore affecté : planifiez à nouveau, ou ajoutez un agent affecté ici.",
    "Conduct officer {0} added.": "Agent de déontologie {0} ajouté.",
    "Not posted yet: the next rotation plan posts them.": "Pas encore affecté : le prochain plan de rotation l'affectera.",
    "Contingents of the officer's nationality at this site: {0}. Post the officer elsewhere (plan again).": "Contingents de la nationalité de l'agent sur ce site : {0}. Affectez l'agent ailleurs (planifiez à nouveau).",
    "Arrival of {0} registered.": "Arrivée de {0} enregistrée.",
    "Contingents that left ({0})": "Contingents partis ({0})",
    "The {0} most recent departures are shown.": "Les {0} départs les plus récents sont affichés.",
    "Change or withdraw": "Modifier ou retirer",
    # Refusals (RecordAdditions)
    "A code holds no space, control character, /, \\, ?, # or % ({0} given).": "Un code ne contient ni espace, ni caractère de contrôle, ni /, \\, ?, # ou % ({0} saisi).",
    "A code holds no space: join its parts with hyphens, e.g. MINUSCA-BRI.": "Un code ne contient pas d'espace : reliez ses parties par des traits d'union, par exemple MINUSCA-BRI.",
    "Give the site's code, e.g. MINUSCA-BRI.": "Indiquez le code du site, par exemple MINUSCA-BRI.",
    "Give the officer's code, e.g. CDO-0042.": "Indiquez le code de l'agent, par exemple CDO-0042.",
    "Give the contingent's code, e.g. MINUSCA-BRI-RWA-INF-1.": "Indiquez le code du contingent, par exemple MINUSCA-BRI-RWA-INF-1.",
    "Choose the mission, e.g. MINUSCA.": "Choisissez la mission, par exemple MINUSCA.",
    "Only the conduct chief of the mission opens a site.": "Seul le chef déontologie et discipline de la mission ouvre un site.",
    "Only the conduct chief of the mission adds a conduct officer.": "Seul le chef déontologie et discipline de la mission ajoute un agent.",
    "Only the conduct chief of the mission registers a contingent's arrival.": "Seul le chef déontologie et discipline de la mission enregistre l'arrivée d'un contingent.",
    "A site with the code {0} already exists.": "Un site de code {0} existe déjà.",
    "A conduct officer with the code {0} already exists.": "Un agent de code {0} existe déjà.",
    "A contingent with the code {0} already exists.": "Un contingent de code {0} existe déjà.",
    "'{0}' is not a site of mission {1}.": "« {0} » n'est pas un site de la mission {1}.",
    "A posting's first day is given but no current site: choose the site, or leave the day empty.": "Le premier jour d'une affectation est indiqué, mais aucun site actuel : choisissez le site, ou laissez le jour vide.",
    "Give the first day of the officer's posting at the current site (yyyy-MM-dd).": "Indiquez le premier jour de l'affectation de l'agent au site actuel (aaaa-mm-jj).",
    "'{0:yyyy-MM-dd}' is not a plausible day: give a date from 1948 to {1} years ahead.": "« {0:yyyy-MM-dd} » n'est pas un jour plausible : indiquez une date entre 1948 et {1} ans à venir.",
    "{0} closed on {1:yyyy-MM-dd}, before this day.": "{0} a fermé le {1:yyyy-MM-dd}, avant ce jour.",
    "Mission {0} ended on {1:yyyy-MM-dd}: nothing is added to it.": "La mission {0} a pris fin le {1:yyyy-MM-dd} : rien n'y est ajouté.",
    "'{0:yyyy-MM-dd}' is before the arrival day ({1:yyyy-MM-dd}).": "« {0:yyyy-MM-dd} » est antérieur au jour d'arrivée ({1:yyyy-MM-dd}).",
}

STRINGS = {k: (k, v) for k, v in _FR.items()}
