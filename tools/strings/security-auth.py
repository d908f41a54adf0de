# Sign-in, second factor and account security pages.
STRINGS = {
    "You will then be asked for the code of your authenticator app.":
        ("You will then be asked for the code of your authenticator app.",
         "Le code de votre application d'authentification vous sera ensuite demandé."),
    "Sign in with {0}": ("Sign in with {0}", "Se connecter avec {0}"),
    "Authenticator code": ("Authenticator code", "Code d'authentification"),
    "The code is wrong or was used already, or the account is locked for a while.":
        ("The code is wrong or was used already, or the account is locked for a while.",
         "Le code est incorrect ou a déjà servi, ou le compte est bloqué pour un moment."),
    "The 6-digit code your authenticator app shows for Vigil":
        ("The 6-digit code your authenticator app shows for Vigil",
         "Le code à 6 chiffres affiché pour Vigil par votre application d'authentification"),
    "Lost your phone? Use a recovery code": ("Lost your phone? Use a recovery code", "Téléphone perdu ? Utilisez un code de secours"),
    "Recovery code": ("Recovery code", "Code de secours"),
    "Each recovery code works once. Ask an administrator to reset your second factor if none is left.":
        ("Each recovery code works once. Ask an administrator to reset your second factor if none is left.",
         "Chaque code de secours ne sert qu'une fois. S'il n'en reste aucun, demandez à un administrateur de réinitialiser votre second facteur."),
    "Set up the second factor": ("Set up the second factor", "Configurer le second facteur"),
    "Your recovery codes": ("Your recovery codes", "Vos codes de secours"),
    "Write these codes down and keep them apart from your phone. Each works once, in place of a code from the app. They are shown only now.":
        ("Write these codes down and keep them apart from your phone. Each works once, in place of a code from the app. They are shown only now.",
         "Notez ces codes et gardez-les loin de votre téléphone. Chacun remplace une fois un code de l'application. Ils ne sont affichés que maintenant."),
    "I have kept them: continue": ("I have kept them: continue", "Je les ai notés : continuer"),
    "Every Vigil account needs a code from an authenticator app (any app that supports TOTP) in addition to the password. Add Vigil to the app now:":
        ("Every Vigil account needs a code from an authenticator app (any app that supports TOTP) in addition to the password. Add Vigil to the app now:",
         "Chaque compte Vigil exige, en plus du mot de passe, un code d'une application d'authentification (toute application TOTP). Ajoutez Vigil à l'application maintenant :"),
    "QR code of the secret": ("QR code of the secret", "Code QR du secret"),
    "or type this secret:": ("or type this secret:", "ou saisissez ce secret :"),
    "or open this link on the phone:": ("or open this link on the phone:", "ou ouvrez ce lien sur le téléphone :"),
    "The 6-digit code the app now shows": ("The 6-digit code the app now shows", "Le code à 6 chiffres que l'application affiche maintenant"),
    "Confirm": ("Confirm", "Confirmer"),
    "Account security": ("Account security", "Sécurité du compte"),
    "Your new recovery codes (the old ones no longer work). Write them down: they are shown only now.":
        ("Your new recovery codes (the old ones no longer work). Write them down: they are shown only now.",
         "Vos nouveaux codes de secours (les anciens ne fonctionnent plus). Notez-les : ils ne sont affichés que maintenant."),
    "Second factor: authenticator app, {0} recovery codes left.":
        ("Second factor: authenticator app, {0} recovery codes left.",
         "Second facteur : application d'authentification, {0} codes de secours restants."),
    "Second factor: not set up.": ("Second factor: not set up.", "Second facteur : non configuré."),
    "New recovery codes": ("New recovery codes", "Nouveaux codes de secours"),
    "Sign out everywhere": ("Sign out everywhere", "Se déconnecter partout"),
    "Ends every session of this account, on every device, and revokes every bearer token — for example after a lost phone or a shared computer.":
        ("Ends every session of this account, on every device, and revokes every bearer token — for example after a lost phone or a shared computer.",
         "Met fin à toutes les sessions de ce compte, sur tous les appareils, et révoque tous les jetons — par exemple après la perte d'un téléphone ou sur un ordinateur partagé."),
    "Back to sign-in": ("Back to sign-in", "Retour à la connexion"),
    "Security": ("Security", "Sécurité"),
}
