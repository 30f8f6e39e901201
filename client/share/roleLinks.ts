import type { Role } from '../../shared/roles.js';

/** Who each link is for and what it lets them do: the same words wherever links are handed out. */
export const WHO_IT_IS_FOR: Record<Role, string> = {
  host: 'For you. Sets up and runs the workshop, exports the report and hands out the other links. Keep it to yourself.',
  facilitator: 'For whoever runs the session. Can add, edit and arrange everything on the board.',
  participant:
    'For the core team. Can add and edit findings and actions. Each person who opens it is given a link of their own; you can also make personal links in Setup.',
  viewer: 'For readers such as elected members or partners. Can watch the board live but cannot change it.',
};

/** Said wherever the host's link is shown: it alone opens the others, so nothing can open it. */
export const HOST_LINK_WARNING =
  'Your host link is the one link that cannot be got back if it is lost. Cairn keeps the other links and shows them to you again in the workshop, but only the host link opens them.';
