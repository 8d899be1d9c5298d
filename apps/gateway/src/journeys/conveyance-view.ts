import { conveyanceKey, type Conveyance, type Journey, type Leg, type Milestone } from '@mmt/contracts';
import { latestMovementOf } from '@mmt/journey';

/** The GraphQL shape of a conveyance: its fields plus the key it is searched by. */
function conveyanceView(conveyance: Conveyance) {
  return { ...conveyance, key: conveyanceKey(conveyance) };
}

function legView(leg: Leg) {
  return { ...leg, conveyance: conveyanceView(leg.conveyance) };
}

function milestoneView(milestone: Milestone) {
  return milestone.conveyance === undefined
    ? milestone
    : { ...milestone, conveyance: conveyanceView(milestone.conveyance) };
}

/** A journey as GraphQL serves it; a list's journey may hold only the fields asked for (see selectedJourneyFields). */
export function journeyView<J extends Partial<Journey>>(journey: J) {
  const movement = journey.milestones && latestMovementOf(journey.milestones);
  return {
    ...journey,
    legs: journey.legs?.map(legView),
    milestones: journey.milestones?.map(milestoneView),
    latestMovement: movement === undefined ? undefined : milestoneView(movement),
  };
}

export function eventConveyanceView(conveyance: Conveyance | undefined) {
  return conveyance === undefined ? undefined : conveyanceView(conveyance);
}
