"""The planner's warnings and explanations of infeasibility on the rotation pages (Vigil.Web.Presence.PlanWords):
"plan:" and the English format the planner writes, read back from the plan file."""

_FR = {
    "{0}; {1}": "{0} ; {1}",
    "{0} (from {1})": "{0} (à partir du {1})",
    "all missions": "toutes les missions",
    "mission {0}": "la mission {0}",
    "{0} sites ({1})": "{0} sites ({1})",
    "{0} officers ({1})": "{0} agents ({1})",
    "none": "aucun",
    # Contradictions found before solving (Checks): the problem is infeasible.
    "Pinned posting of {0} at {1} in period {2} breaks the conflict-of-interest rule: a contingent there is of the officer's nationality ({3}).":
        "L'affectation figée de {0} à {1} en période {2} enfreint la règle de conflit d'intérêts : un contingent y est de la nationalité de l'agent ({3}).",
    "Pinned posting of {0} at {1} in period {2} is outside the officer's mission ({3}, site in {4}) and cross-mission moves are not allowed.":
        "L'affectation figée de {0} à {1} en période {2} est hors de la mission de l'agent ({3}, site de {4}) et les mutations entre missions ne sont pas autorisées.",
    "{0} is pinned at more than one site in period {1} ({2}).": "{0} a des affectations figées sur plus d'un site en période {1} ({2}).",
    "{0} has no site to be posted at: mission {1} has no sites.": "{0} n'a aucun site où être affecté : la mission {1} n'a aucun site.",
    "{0} has no site to be posted at: every site of every mission hosts a contingent of the officer's nationality ({1}).":
        "{0} n'a aucun site où être affecté : chaque site de chaque mission accueille un contingent de la nationalité de l'agent ({1}).",
    "{0} has no site to be posted at: every site of mission {1} hosts a contingent of the officer's nationality ({2}).":
        "{0} n'a aucun site où être affecté : chaque site de la mission {1} accueille un contingent de la nationalité de l'agent ({2}).",
    # Shortfalls found before solving (warnings: uncovered cost, not infeasibility).
    "Site {0} cannot be covered: mission {1} has no officers; it is uncovered in every period.":
        "Le site {0} ne peut pas être couvert : la mission {1} n'a aucun agent ; il reste non couvert à chaque période.",
    "Site {0} cannot be covered: every officer who may serve there is of a nationality among its contingents ({1}); it is uncovered in every period.":
        "Le site {0} ne peut pas être couvert : chaque agent qui pourrait y servir est d'une nationalité de ses contingents ({1}) ; il reste non couvert à chaque période.",
    "Too few officers in {0}: {1} postings are required per period but fewer officers are available in {2} period(s); at least {3} officer-period(s) will be uncovered.":
        "Trop peu d'agents dans {0} : {1} affectations sont requises par période, mais moins d'agents sont disponibles pendant {2} période(s) ; au moins {3} période(s)-agent resteront non couvertes.",
    "Not every officer may serve at every site of {0}: at least {1} more officer-period(s) will be uncovered than the number of officers explains (conflicts of interest, leave, pinned postings, sites left too recently). {2}.":
        "Tous les agents ne peuvent pas servir sur tous les sites de {0} : au moins {1} période(s)-agent de plus resteront non couvertes que ne l'explique le nombre d'agents (conflits d'intérêts, congés, affectations figées, sites quittés trop récemment). {2}.",
    "in period {0}, {1} ({2} posting(s)) may be served only by {3}": "en période {0}, {1} ({2} affectation(s)) ne peuvent être couverts que par {3}",
    "in period {0}, {1} ({2} posting(s)) may be served by no officer available then": "en période {0}, {1} ({2} affectation(s)) ne peuvent être couverts par aucun agent disponible alors",
    "and {0} more period(s)": "et {0} autre(s) période(s)",
    # The time limit passed before any plan existed.
    "Stopped on request while {0}, before any plan existed: give the planner more time.":
        "Arrêté à la demande pendant l'étape « {0} », avant qu'aucun plan n'existe : donnez plus de temps au planificateur.",
    "Stopped at the time limit while {0}, before any plan existed: give the planner more time.":
        "Arrêté à la limite de temps pendant l'étape « {0} », avant qu'aucun plan n'existe : donnez plus de temps au planificateur.",
    "planning a first plan": "établir un premier plan",
    "checking that every officer can be posted": "vérifier que chaque agent peut être affecté",
    # One officer who cannot keep the rules in every period (OfficerDiagnosis).
    "{0} ({1}, {2}) cannot be posted at any site in all {3} periods.": "{0} ({1}, {2}) ne peut être affecté à aucun site pendant les {3} périodes.",
    "{0} ({1}, {2}) cannot be posted in all {3} periods under these rules together: {4}.":
        "{0} ({1}, {2}) ne peut pas être affecté pendant les {3} périodes en respectant ensemble ces règles : {4}.",
    "Sites open to them in any mission: {0}.": "Sites qui lui sont ouverts dans toutes les missions : {0}.",
    "Sites open to them in {0}: {1}.": "Sites qui lui sont ouverts dans la mission {0} : {1}.",
    "the conflict-of-interest rule (sites {0} host {1} contingents)": "la règle de conflit d'intérêts (les sites {0} accueillent des contingents {1})",
    "the own-mission rule (officers of {0} stay in {0})": "la règle de la mission propre (les agents de {0} restent dans {0})",
    "tenure (at most {0} consecutive periods at a site; {1} already at {2})": "la durée d'affectation (au plus {0} périodes consécutives sur un site ; déjà {1} à {2})",
    "tenure (at most {0} consecutive periods at a site)": "la durée d'affectation (au plus {0} périodes consécutives sur un site)",
    "no early return ({0} periods before going back to a site; recently left {1})": "l'interdiction de retour anticipé ({0} périodes avant de revenir sur un site ; a quitté récemment {1})",
    "no early return ({0} periods before going back to a site)": "l'interdiction de retour anticipé ({0} périodes avant de revenir sur un site)",
    "the pinned posting at {0} in period {1}": "l'affectation figée à {0} en période {1}",
    # Added by the run's review and by the app's runner.
    "The {0} pinned posting(s) are the approved plan's, kept for the frozen periods. If one now breaks a rule, correct the records or build the problem again with fewer frozen periods (0: none).":
        "Les {0} affectation(s) figée(s) sont celles du plan approuvé, conservées pour les périodes figées. Si l'une d'elles enfreint désormais une règle, corrigez les dossiers ou construisez à nouveau le problème avec moins de périodes figées (0 : aucune).",
    "The planner failed ({0}).": "Le planificateur a échoué ({0}).",
    "Cancelled by {0} before it started.": "Annulé par {0} avant son démarrage.",
    "Cancelled by {0} while it was running: its plan is not kept.": "Annulé par {0} en cours de calcul : son plan n'est pas conservé.",
    "Site {0} closes on {1}, within this horizon: it is left out of the plan.": "Le site {0} ferme le {1}, pendant cet horizon : il est laissé hors du plan.",
    "Site {0} was opened after this problem was built: the plan does not cover it (it is still valid; plan again to post an officer there).": "Le site {0} a été ouvert après la construction de ce problème : le plan ne le couvre pas (il reste valide ; planifiez à nouveau pour y affecter un agent).",
    "Site {0}'s closure was withdrawn after this problem was built, which left it out as closing: the plan does not cover it (it is still valid; plan again to post an officer there).":
        "La fermeture du site {0} a été retirée après la construction de ce problème, qui l'avait laissé de côté comme fermant : le plan ne le couvre pas (il reste valide ; planifiez à nouveau pour y affecter un agent).",
    "Site {0} now closes on {1}, after this horizon; this problem was built when it closed within it and left it out: the plan does not cover it (it is still valid; plan again to post an officer there).":
        "Le site {0} ferme désormais le {1}, après cet horizon ; ce problème a été construit quand il fermait pendant celui-ci et l'a laissé de côté : le plan ne le couvre pas (il reste valide ; planifiez à nouveau pour y affecter un agent).",
    # A contingent gone since the problem was built (PlanRecheck's notes): the plan may still be approved.
    "Contingent {0} ({1}) left {2} on {3}, after this problem was built: the plan keeps officers of {4} away from {5} (it is still valid; plan again to post them there).":
        "Le contingent {0} ({1}) a quitté {2} le {3}, après la construction de ce problème : le plan tient les agents de nationalité {4} à l'écart de {5} (il reste valide ; planifiez à nouveau pour les y affecter).",
    "No contingent of {0} is at {1} in this horizon any more (a contingent's record was corrected after this problem was built): the plan keeps officers of {2} away from {3} (it is still valid; plan again to post them there).":
        "Plus aucun contingent {0} n'est à {1} dans cet horizon (la fiche d'un contingent a été corrigée après la construction de ce problème) : le plan tient les agents de nationalité {2} à l'écart de {3} (il reste valide ; planifiez à nouveau pour les y affecter).",
}

STRINGS = {"plan:" + k: (k, v) for k, v in _FR.items()}
