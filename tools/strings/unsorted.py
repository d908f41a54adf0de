"""UI strings added to the resources by hand since the table was last run, taken back into it so that running
tools/strings.py keeps them. Move an entry to its feature's file when you next touch that feature."""

STRINGS = {
    'As': ('As', 'Comme'),
    'Assign': ('Assign', 'Affecter'),
    'Assign an investigator or an advocate': ('Assign an investigator or an advocate', 'Affecter un enquêteur ou un défenseur'),
    'Assigned': ('Assigned', 'Affectés'),
    'Case or report': ('Case or report', 'Dossier ou signalement'),
    'Change': ('Change', 'Modifier'),
    'Many reports were sent from this connection in the last minutes. Wait a few minutes, then send again: your text is still here.': ('Many reports were sent from this connection in the last minutes. Wait a few minutes, then send again: your text is still here.', 'Plusieurs signalements ont été envoyés depuis cette connexion ces dernières minutes. Attendez quelques minutes, puis envoyez de nouveau : votre texte est conservé ici.', 'أُرسلت بلاغات عدة من هذا الاتصال في الدقائق الأخيرة. انتظر بضع دقائق ثم أعد الإرسال: نصك ما زال هنا.'),
    'Nobody is assigned to this case.': ('Nobody is assigned to this case.', 'Personne n’est affecté à ce dossier.'),
    'Not shown to your role': ('Not shown to your role', 'Non affiché pour votre rôle'),
    'Reason (required)': ('Reason (required)', 'Motif (obligatoire)'),
    'Take off': ('Take off', 'Retirer'),
    'Take off the case': ('Take off the case', 'Retirer du dossier'),
    'Take {0} off the case': ('Take {0} off the case', 'Retirer {0} du dossier'),
    'Write your message: 1 to 5,000 characters.': ('Write your message: 1 to 5,000 characters.', 'Écrivez votre message : de 1 à 5 000 caractères.', 'اكتب رسالتك: من 1 إلى 5000 حرف.'),
    'a change of the case': ('a change of the case', 'une modification du dossier'),
    'event:Unassigned': ('Taken off the case', 'Retrait du dossier'),
    'role:investigator': ('investigator', 'enquêteur'),
    'role:victims-advocate': ("victims' rights advocate", 'défenseur des droits des victimes'),
    'status:not substantiated': ('not substantiated', 'allégation non fondée', 'لم تثبت صحة الادعاء'),
    'status:substantiated': ('substantiated', 'allégation fondée', 'ثبتت صحة الادعاء'),
    'status:under investigation': ('under investigation', "en cours d'enquête", 'قيد التحقيق'),
}
