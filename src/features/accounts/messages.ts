import { registerMessages } from '../../platform/i18n/index.ts';

registerMessages('en', {
  'signIn.title': 'Sign in',
  'signIn.lead':
    'Organizers, editors and board members sign in with a link we email to you. No password to remember.',
  'signIn.email': 'Your email address',
  'signIn.submit': 'Email me a sign-in link',
  'signIn.sent.title': 'Check your email',
  'signIn.sent.body':
    'If {email} has an account, a sign-in link is on its way. It works once, for {minutes} minutes. No email after a few minutes? Check your spam folder, or ask your coalition administrator to add you.',
  'signIn.rateLimited': 'Too many sign-in links were asked for. Please wait a while and try again.',
  'signIn.confirm.title': 'Finish signing in',
  'signIn.confirm.body': 'You are signing in as {email}.',
  'signIn.confirm.button': 'Sign in',
  'signIn.invalid.title': 'This sign-in link does not work any more',
  'signIn.invalid.body':
    'Sign-in links work once and expire after {minutes} minutes. Ask for a new one below.',
  'signIn.welcome': 'You are signed in.',
  'signOut.done': 'You are signed out.',
  'signIn.email.subject': 'Your sign-in link',
  'signIn.email.preheader': 'It works once, for {minutes} minutes.',
  'signIn.email.greeting': 'Hello {name}, here is the link to sign in to Coalition Hub.',
  'signIn.email.button': 'Sign in',
  'signIn.email.expiry': 'The link works once and expires in {minutes} minutes.',
  'signIn.email.ignore': 'If you did not ask for this, you can ignore this email.',
  'signIn.email.noAccount.subject': 'Signing in to Coalition Hub',
  'signIn.email.noAccount.body':
    'Someone (perhaps you) asked to sign in with this address, but it has no account. Accounts are for group organizers, editors and board members; ask your coalition administrator or your group organizer to add you.',
  'setup.title': 'Set up Coalition Hub',
  'setup.lead':
    'You are the first administrator. Tell us who you are; you will be signed in at once.',
  'setup.name': 'Your name',
  'setup.email': 'Your email address',
  'setup.submit': 'Become the administrator',
  'setup.invalid':
    'This setup link has been used or replaced. Restart the server for a new one, or run: npx hub admin:create --email you@example.org',
});
