import { registerMessages } from '../../platform/i18n/index.ts';

registerMessages('en', {
  'home.title': 'Home',
  'home.findGroup': 'Find a group near you',
  'home.findGroup.label': 'Your town or ZIP code',
  'home.findGroup.button': 'Find groups',
  'home.findGroup.help': 'For example Worcester, or 01609',
  'about.title': 'About the coalition',
  'about.lead': 'A statewide coalition that builds, supports and amplifies its member groups.',
});
