"""Strings added by the new-user walk through the public report, the investigator's and the advocate's case pages."""

STRINGS = {
    # Public report form: each refused field named in the reporter's words (English, French, Arabic), never by its token.
    "The place is at most {0} characters.": ("The place is at most {0} characters.", "Le lieu compte au plus {0} caractères.", "يجب ألا يتجاوز المكان {0} حرف."),
    "The way to contact you is at most {0} characters.": ("The way to contact you is at most {0} characters.", "Le moyen de vous contacter compte au plus {0} caractères.", "يجب ألا تتجاوز طريقة التواصل معك {0} حرف."),
    "Choose who was involved from the list, or “I don't know”.": ("Choose who was involved from the list, or “I don't know”.", "Choisissez dans la liste qui était impliqué, ou « Je ne sais pas ».", "اختر من القائمة من كان متورطاً، أو «لا أعرف»."),
}
STRINGS.update({
    # The case page: a finding (the conduct team and the investigator assigned) and an action (the conduct team) apart.
    "Record a finding": ("Record a finding", "Enregistrer une conclusion"),
    "Record an action": ("Record an action", "Enregistrer une mesure"),
})
STRINGS.update({
    # /cases and /cases/dashboard for a role that opens no case (analyst, auditor, administrator, screening officer).
    "Your role opens no case: this page shows none and counts none, whatever the missions hold. Access to a case is by mission (conduct team, legal officers), by assignment (investigators, advocates) or by nationality (member-state liaisons).":
        ("Your role opens no case: this page shows none and counts none, whatever the missions hold. Access to a case is by mission (conduct team, legal officers), by assignment (investigators, advocates) or by nationality (member-state liaisons).",
         "Votre rôle ne donne accès à aucun dossier : cette page n'en montre et n'en compte aucun, quoi que contiennent les missions. L'accès à un dossier se fait par mission (équipe déontologie et discipline, juristes), par affectation (enquêteurs, défenseurs des droits des victimes) ou par nationalité (agents de liaison des États Membres)."),
})
STRINGS.update({
    # Case refusals: a staff text over its length names its field (CaseCommands.TooLong); {0} is a term text:… below.
    "The {0} is at most {1:N0} characters.": ("The {0} is at most {1:N0} characters.", "Le champ « {0} » compte au plus {1:N0} caractères."),
    "text:description": ("description", "description"),
    "text:unit": ("unit", "unité"),
    "text:identity": ("identity", "identité"),
    "text:summary": ("summary", "résumé"),
    "text:reference": ("reference", "référence"),
    "text:note": ("note", "note"),
})
STRINGS.update({
    # The case page, for a member-state liaison, on another country's subject (shown by category and nationality only).
    "Findings, actions and waivers about this person are not shown to you.": ("Findings, actions and waivers about this person are not shown to you.", "Les conclusions, mesures et levées d'immunité concernant cette personne ne vous sont pas montrées."),
})
STRINGS.update({
    # A victim's referral to support: its provider is a name on one line (CaseAssistance.ReferAsync).
    "one-line:provider": ("provider", "prestataire"),
})
STRINGS.update({
    # A deadline met after its day (a member state's late answer) is not said as plainly met: the lateness is on the record.
    "met late, on {0}": ("met late, on {0}", "respectée en retard, le {0}"),
})
STRINGS.update({
    # The "Not saved" page (FormBindingFilter) names a field by its label on the case page's forms: a date cleared in its
    # picker, a count left empty. Keyed by the page handler the form posts to, then the field.
    "field:Note:date": ("The note verbale's date", "La date de la note verbale"),
    "field:Finding:issuedOn": ("The finding's date", "La date de la conclusion"),
    "field:Action:takenOn": ("The action's date", "La date de la mesure"),
    "field:Victim:count": ("The number of victims (Count)", "Le nombre de victimes (Nombre)"),
})
