#!/usr/bin/env python3
"""Writes the UI string resources (English neutral, French) from one table, so the two stay in step.
Run from the repository root: python3 tools/strings.py"""
from xml.sax.saxutils import escape

STRINGS = {
    # key (English text, or a token): (English, French)
    "API": ("API", "API"),
    "API reference": ("API reference", "Référence de l'API"),
    "Category": ("Category", "Catégorie"),
    "Conduct officer": ("Conduct officer", "Agent déontologie et discipline"),
    "Contingents deployed": ("Contingents deployed", "Contingents déployés"),
    "Country": ("Country", "Pays"),
    "Date of birth": ("Date of birth", "Date de naissance"),
    "Deployed": ("Deployed", "Déployés"),
    "Deployment": ("Deployment", "Déploiement"),
    "Grade": ("Grade", "Classe"),
    "Host country": ("Host country", "Pays hôte"),
    "Identifiers": ("Identifiers", "Identifiants"),
    "Kind": ("Kind", "Type"),
    "Languages": ("Languages", "Langues"),
    "Machine-readable description:": ("Machine-readable description:", "Description lisible par machine :"),
    "Mandate": ("Mandate", "Mandat"),
    "Method": ("Method", "Méthode"),
    "Mission": ("Mission", "Mission"),
    "Missions": ("Missions", "Missions"),
    "Missions, sites and conduct officer coverage": ("Missions, sites and conduct officer coverage", "Missions, sites et présence des agents déontologie et discipline"),
    "Name": ("Name", "Nom"),
    "Nationality": ("Nationality", "Nationalité"),
    "Next": ("Next", "Suivante"),
    "No conduct officer": ("No conduct officer", "Aucun agent de déontologie"),
    "No conduct officer is posted at this site today.": ("No conduct officer is posted at this site today.", "Aucun agent de déontologie n'est affecté à ce site aujourd'hui."),
    "No mission is within your scope.": ("No mission is within your scope.", "Aucune mission ne relève de votre périmètre."),
    "None today.": ("None today.", "Aucun aujourd'hui."),
    "Officer": ("Officer", "Agent"),
    "Other names": ("Other names", "Autres noms"),
    "Page {0} of {1}": ("Page {0} of {1}", "Page {0} sur {1}"),
    "Password": ("Password", "Mot de passe"),
    "Person": ("Person", "Personne"),
    "Personnel": ("Personnel", "Personnel"),
    "Personnel of this mission": ("Personnel of this mission", "Personnel de cette mission"),
    "Previous": ("Previous", "Précédente"),
    "Programs sign in with POST /api/v1/auth/token and send the token as Authorization: Bearer …; errors are RFC 9457 problem details.":
        ("Programs sign in with POST /api/v1/auth/token and send the token as Authorization: Bearer …; errors are RFC 9457 problem details.",
         "Les programmes s'authentifient par POST /api/v1/auth/token et envoient le jeton dans Authorization: Bearer … ; les erreurs suivent la RFC 9457 (problem details)."),
    "Route": ("Route", "Route"),
    "Sign in": ("Sign in", "Se connecter"),
    "Sign in to Vigil": ("Sign in to Vigil", "Connexion à Vigil"),
    "Sign out": ("Sign out", "Se déconnecter"),
    "Since": ("Since", "Depuis"),
    "Site": ("Site", "Site"),
    "Sites": ("Sites", "Sites"),
    "Strength": ("Strength", "Effectif"),
    "The user name or password is wrong, or the account is locked for a while.":
        ("The user name or password is wrong, or the account is locked for a while.",
         "Le nom d'utilisateur ou le mot de passe est incorrect, ou le compte est bloqué pour un moment."),
    "Unit": ("Unit", "Unité"),
    "User name": ("User name", "Nom d'utilisateur"),
    "What": ("What", "Quoi"),
    "Who": ("Who", "Qui"),
    "present": ("present", "aujourd'hui"),
    "strength {0}": ("strength {0}", "effectif {0}"),
    "{0} contingents": ("{0} contingents", "{0} contingents"),
    "{0} people in your scope.": ("{0} people in your scope.", "{0} personnes dans votre périmètre."),
    "{0} sites": ("{0} sites", "{0} sites"),
    "Missions: {1} · sites: {0} · without a conduct officer today: {2}":
        ("Missions: {1} · sites: {0} · without a conduct officer today: {2}",
         "Missions : {1} · sites : {0} · sans agent de déontologie aujourd'hui : {2}"),
    "{0} without officer": ("{0} without officer", "{0} sans agent"),
    # Status titles
    "Bad request": ("Bad request", "Requête invalide"),
    "Sign-in required": ("Sign-in required", "Connexion requise"),
    "Forbidden": ("Forbidden", "Accès refusé"),
    "Not found": ("Not found", "Introuvable"),
    "Method not allowed": ("Method not allowed", "Méthode non autorisée"),
    "Conflict": ("Conflict", "Conflit"),
    "Request body too large": ("Request body too large", "Requête trop volumineuse"),
    "Unsupported media type": ("Unsupported media type", "Type de contenu non pris en charge"),
    "Too many requests": ("Too many requests", "Trop de requêtes"),
    "Service unavailable": ("Service unavailable", "Service indisponible"),
    "Server error": ("Server error", "Erreur du serveur"),
    "Error": ("Error", "Erreur"),
    # Site kinds (tokens)
    "mission-hq": ("Mission HQ", "QG de la mission"),
    "sector-hq": ("Sector HQ", "QG de secteur"),
    "team-site": ("Team site", "Base d'équipe"),
    "cob": ("Company operating base", "Base opérationnelle de compagnie"),
    "tob": ("Temporary operating base", "Base opérationnelle temporaire"),
    # Personnel categories (tokens)
    "military-contingent": ("Military contingent", "Contingent militaire"),
    "formed-police": ("Formed police unit", "Unité de police constituée"),
    "individual-police": ("Individual police officer", "Policier hors unités constituées"),
    "military-expert": ("Military expert on mission", "Expert militaire en mission"),
    "civilian": ("Civilian staff", "Personnel civil"),
    "volunteer": ("UN volunteer", "Volontaire des Nations Unies"),
    "contractor": ("Contractor or consultant", "Prestataire ou consultant"),
}

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by tools/strings.py: edit the table there, then run it. -->
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def write(path, index):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key in sorted(STRINGS):
            f.write(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(STRINGS[key][index])}</value></data>\n')
        f.write("</root>\n")

write("src/Vigil/Resources/SharedResource.resx", 0)
write("src/Vigil/Resources/SharedResource.fr.resx", 1)
