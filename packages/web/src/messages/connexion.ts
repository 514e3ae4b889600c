import type { MessageTable } from './lang.js';

/** Signing in (login-page, areas/connexion). */
const fr = {
  title: 'Connexion',
  intro:
    "Ces pages sont servies sur le réseau : connectez-vous avec le compte que l'administrateur du nœud vous a donné.",
  login: 'Identifiant',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  tooMany: (seconds: number) =>
    `Trop d'essais manqués : attendez ${seconds} seconde${seconds > 1 ? 's' : ''} avant de réessayer. Le mot de passe n'a pas été vérifié.`,
  wrong: 'Identifiant ou mot de passe incorrect.',
  wrongThenWait: (seconds: number) =>
    `Identifiant ou mot de passe incorrect. Trop d'essais manqués : attendez ${seconds} secondes avant de réessayer.`,
};
const en = {
  title: 'Sign in',
  intro: "These pages are served on the network: sign in with the account the node's administrator gave you.",
  login: 'Login',
  password: 'Password',
  signIn: 'Sign in',
  tooMany: (seconds: number) =>
    `Too many failed attempts: wait ${seconds} second${seconds === 1 ? '' : 's'} before trying again. The password was not checked.`,
  wrong: 'Wrong login or password.',
  wrongThenWait: (seconds: number) =>
    `Wrong login or password. Too many failed attempts: wait ${seconds} seconds before trying again.`,
} satisfies typeof fr;
export const connexionText: MessageTable<typeof fr> = { fr, en };
