"""Notifications, by their format: stored as a message (Vigil.Core.Common.WordsJson) and said in the reader's language."""

_FR = {
    # Deadlines and escalations
    "{0}: due {1:yyyy-MM-dd}: {2}.": "{0} : échéance le {1:yyyy-MM-dd} : {2}.",
    "{0}: OVERDUE since {1:yyyy-MM-dd}: {2}.": "{0} : EN RETARD depuis le {1:yyyy-MM-dd} : {2}.",
    "{0}'s answer on a National Investigation Officer": "réponse de {0} concernant la désignation d'un enquêteur national",
    "conclusion of the investigation": "conclusion de l'enquête",
    "{0}'s report on the outcome": "compte rendu de {0} sur les suites données",
    "{0}: NOT TRIAGED within {1}; received {2:yyyy-MM-dd HH:mm} UTC.": "{0} : NON TRIÉ dans les {1} ; reçu le {2:yyyy-MM-dd HH:mm} UTC.",
    "{0}: NOT TRIAGED within {1} (a child may be involved); received {2:yyyy-MM-dd HH:mm} UTC.": "{0} : NON TRIÉ dans les {1} (un enfant est peut-être concerné) ; reçu le {2:yyyy-MM-dd HH:mm} UTC.",
    "{0:0.#} hours": "{0:0.#} heures",
    "{0:0.#} days": "{0:0.#} jours",
    # Cases and reports
    "{0}: closure ({1}) awaits a second approver.": "{0} : la clôture ({1}) attend un second approbateur.",
    "{0}: the reporter sent a new message after the report was closed.": "{0} : l'auteur du signalement a envoyé un nouveau message après la clôture du signalement.",
    "{0}: the reporter sent a new message (case {1}).": "{0} : l'auteur du signalement a envoyé un nouveau message (dossier {1}).",
    # Break-glass
    "Break-glass request {0} ({1}, {2}) awaits a second approver: /break-glass": "La demande d'accès d'urgence {0} ({1}, {2}) attend un second approbateur : /break-glass",
    "Break-glass request {0} approved until {1:yyyy-MM-dd HH:mm} UTC: /break-glass": "Demande d'accès d'urgence {0} approuvée jusqu'au {1:yyyy-MM-dd HH:mm} UTC : /break-glass",
    "Break-glass request {0} refused: /break-glass": "Demande d'accès d'urgence {0} refusée : /break-glass",
    "the victims' identities on a case": "l'identité des victimes d'un dossier",
    "an export of a mission's personnel": "un export du personnel d'une mission",
    "access to a case outside your scope": "l'accès à un dossier hors de votre périmètre",
    "access to a mission outside your scope": "l'accès à une mission hors de votre périmètre",
    # Screening alerts to a mission's conduct chief
    "Screening: {0}, {1}, is confirmed as the person of registry record {2} ({3}). See /screening/candidates/{4}.": "Vérification : {0}, {1}, est confirmé comme la personne de la fiche du registre {2} ({3}). Voir /screening/candidates/{4}.",
    "serving in your mission": "en service dans votre mission",
    "on a roster for your mission": "sur une liste nominative destinée à votre mission",
    "Screening: {0}, on an arrival roster for your mission, was confirmed earlier as the person of registry record {1} ({2}).": "Vérification : {0}, sur une liste nominative d'arrivée pour votre mission, a déjà été confirmé comme la personne de la fiche du registre {1} ({2}).",
    "Screening: {0}, on a pre-deployment roster for your mission, was confirmed earlier as the person of registry record {1} ({2}).": "Vérification : {0}, sur une liste nominative de prédéploiement pour votre mission, a déjà été confirmé comme la personne de la fiche du registre {1} ({2}).",
    "Screening: {0}, to be hired for your mission, was confirmed earlier as the person of registry record {1} ({2}).": "Vérification : {0}, à recruter pour votre mission, a déjà été confirmé comme la personne de la fiche du registre {1} ({2}).",
    "to be hired for your mission": "à recruter pour votre mission",
    "substantiated": "allégation fondée",
    "pending": "allégation en instance",
    "barred": "interdiction de service",
    # Why an open case is offered for a report (triage)
    "same site": "même site",
    "incident about {0} days apart": "faits à environ {0} jours d'écart",
    "same mission": "même mission",
}

STRINGS = {k: (k, v) for k, v in _FR.items()}
