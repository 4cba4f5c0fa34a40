/**
 * What the newsletter feature puts in every page's footer (its sign-up form). Kept as a slot so
 * the layout does not depend on the newsletter feature; the feature registers its component.
 */
import type { FC } from 'hono/jsx';

let footerComponent: FC | undefined;

export function setFooterComponent(component: FC): void {
  footerComponent = component;
}

export function FooterSlot() {
  const Component = footerComponent;
  return Component ? <Component /> : <div />;
}
