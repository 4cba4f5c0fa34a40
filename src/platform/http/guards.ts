import type { Context } from 'hono';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * The signed-in actor, if `allowed` says yes: otherwise "please sign in" (401) for nobody and
 * "not allowed" (403) for someone without the right.
 */
export function requireActor(
  c: Context<AppEnv>,
  allowed: (actor: Actor) => boolean = () => true,
): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthorized', 'Please sign in to continue.');
  if (!allowed(actor)) throw new AppError('forbidden', 'Your account is not allowed to do that.');
  return actor;
}
