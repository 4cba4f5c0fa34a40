import { registerMessages } from '../../platform/i18n/index.ts';

registerMessages('en', {
  'admin.title': 'Admin',
  'admin.lead': 'What needs attention, then the tools.',
  'admin.attention': 'Needs attention',
  'admin.attention.none': 'Nothing needs attention right now.',
  'admin.tools': 'Tools',
  'admin.postalMissing':
    'Set ORG_POSTAL_ADDRESS: the law requires a postal address in every newsletter.',
  'admin.outbox': 'Outbox',
  'admin.outbox.lead':
    'Every email the site has sent or kept. Without SMTP_URL, mail stays here instead of being sent.',
  'admin.outbox.empty': 'No email yet.',
  'admin.outbox.smtpOff': 'SMTP is not configured: messages are kept here and not sent.',
  'admin.audit': 'Audit log',
  'admin.audit.lead': 'Who changed what, and when.',
  'admin.audit.empty': 'No privileged changes recorded yet.',
  'admin.people': 'Accounts and roles',
  'admin.people.lead': 'People who can sign in, and what they may do.',
  'admin.people.add': 'Add an account',
  'admin.people.saved': 'Roles saved for {email}.',
  'admin.people.added': 'Account ready for {email}. They can sign in at /login.',
  'admin.settings': 'Site settings',
  'admin.settings.lead':
    "The coalition's name, welcome text and accent color, and the internal hosts the server may read.",
  'admin.settings.saved': 'Settings saved.',
  'admin.internalHosts.title': 'Internal hosts',
  'admin.internalHosts.lead':
    'The server reads calendar feeds and other addresses that organizers give it. It never reads from internal addresses (this server, private networks, cloud metadata services) unless the host is listed here.',
  'admin.internalHosts.label': 'Hosts the server may fetch from although they are internal',
  'admin.internalHosts.help':
    'One host name or address per line, such as calendar.office.lan. Leave it empty unless you run a calendar server inside your own network.',
  'admin.internalHosts.invalid': 'These lines are not host names or addresses: {lines}.',
  'admin.internalHosts.tooMany': 'List at most {max} hosts.',
  'admin.internalHosts.save': 'Save internal hosts',
  'admin.internalHosts.saved': 'Internal hosts saved.',
  'admin.jobs': 'Background jobs',
  'admin.jobs.lead': 'Work done in the background: sending mail, syncing feeds, reminders.',
  'admin.jobs.failed': 'Background jobs that failed',
  'role.administrator': 'Administrator',
  'role.editor': 'Editor',
  'role.board_member': 'Board member',
});
