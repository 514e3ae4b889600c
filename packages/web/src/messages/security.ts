import type { MessageTable } from './lang.js';

/** The refusals of the security chain and the error pages (security/*.ts). */
const fr = {
  foreignHostTitle: 'Adresse refusée',
  foreignHost: (port: number) =>
    `Ces pages ne répondent qu'à l'adresse de ce poste (http://127.0.0.1:${port}/ ou http://localhost:${port}/). Ouvrez-les à cette adresse.`,
  formTooLongTitle: 'Formulaire trop long',
  formTooLong:
    "Le formulaire envoyé dépasse 1 Mio : rien n'a été enregistré. Raccourcissez le texte, puis recommencez.",
  signInTitle: 'Connexion nécessaire',
  sessionMissing:
    "Votre session est absente ou a expiré : rien n'a été enregistré. Connectez-vous, puis recommencez.",
  signInToOpen: 'Connectez-vous pour ouvrir cette page.',
  forbiddenTitle: 'Action non permise',
  forbidden: (role: string, roleLabel: string, permission: string) =>
    `Votre rôle « ${role} » (${roleLabel}) ne permet pas de ${permission}. Demandez à l'administrateur du nœud si vous en avez besoin.`,
  badTokenTitle: 'Formulaire refusé',
  badToken:
    "Le jeton de sécurité du formulaire est absent ou périmé : rien n'a été enregistré. Rechargez la page, puis recommencez.",
  refusedTitle: 'Demande refusée',
  malformedTitle: 'Demande mal formée',
  malformed:
    "Le contenu envoyé n'a pas pu être lu : rien n'a été enregistré. Rechargez la page, puis recommencez.",
  serverErrorTitle: 'Erreur du serveur',
  serverError:
    "Une erreur inattendue a empêché de répondre ; rien n'a été enregistré à moitié. Réessayez ; si elle revient, consultez le journal du nœud.",
  notFoundTitle: 'Page introuvable',
  notFound: (path: string) => `Il n'y a pas de page à l'adresse ${path}.`,
  badLanguageTitle: 'Langue inconnue',
  badLanguage:
    'Les pages existent en français (fr) et en anglais (en) : choisissez « Français » ou « English ».',
};
const en = {
  foreignHostTitle: 'Address refused',
  foreignHost: (port: number) =>
    `These pages only answer at this PC's address (http://127.0.0.1:${port}/ or http://localhost:${port}/). Open them at that address.`,
  formTooLongTitle: 'Form too long',
  formTooLong: 'The form sent is over 1 MiB: nothing was saved. Shorten the text, then try again.',
  signInTitle: 'Sign-in required',
  sessionMissing: 'Your session is missing or has expired: nothing was saved. Sign in, then try again.',
  signInToOpen: 'Sign in to open this page.',
  forbiddenTitle: 'Action not allowed',
  forbidden: (role: string, roleLabel: string, permission: string) =>
    `Your role "${role}" (${roleLabel}) does not allow you to ${permission}. Ask the node's administrator if you need to.`,
  badTokenTitle: 'Form refused',
  badToken:
    "The form's security token is missing or out of date: nothing was saved. Reload the page, then try again.",
  refusedTitle: 'Request refused',
  malformedTitle: 'Malformed request',
  malformed: 'What was sent could not be read: nothing was saved. Reload the page, then try again.',
  serverErrorTitle: 'Server error',
  serverError:
    "An unexpected error prevented an answer; nothing was half-saved. Try again; if it comes back, read the node's log.",
  notFoundTitle: 'Page not found',
  notFound: (path: string) => `There is no page at the address ${path}.`,
  badLanguageTitle: 'Unknown language',
  badLanguage: 'The pages exist in French (fr) and English (en): choose "Français" or "English".',
} satisfies typeof fr;
export const securityText: MessageTable<typeof fr> = { fr, en };
