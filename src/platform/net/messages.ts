import { registerMessages } from '../i18n/index.ts';

registerMessages('en', {
  'net.refused.notUrl': 'This is not a web address.',
  'net.refused.scheme': 'Only http:// and https:// addresses can be read (this one is {scheme}).',
  'net.refused.credentials':
    'Addresses with a user name or password in them are not accepted. Use the address without them.',
  'net.refused.internal':
    'The server does not read {host}: it leads to {address}, an internal address ({range}), not one on the public internet. If this host is yours and meant to be read, an administrator can allow it in Site settings.',
  'net.failed.dns': 'No such host: {host}.',
  'net.failed.connect': 'Could not read {host} ({reason}).',
  'net.failed.timeout': 'No complete answer within {seconds} seconds.',
  'net.failed.tooLarge': 'The answer is larger than {mb} MB.',
  'net.failed.redirects': 'More than {count} redirects.',
  'net.failed.badRedirect': '{host} redirected to an address that is not valid.',
  'net.range.loopback': 'this server itself',
  'net.range.private': 'a private network',
  'net.range.carrierGradeNat': 'a carrier-grade NAT network',
  'net.range.linkLocal': 'link-local, where cloud metadata services live',
  'net.range.uniqueLocal': 'a private IPv6 network',
  'net.range.multicast': 'multicast',
  'net.range.broadcast': 'broadcast',
  'net.range.unspecified': 'unspecified',
  'net.range.reserved': 'reserved',
});
