/**
 * The walk-around diagram: a car seen from above in a 1000 × 1000 box, front at the top, the car's left on the
 * viewer's left (as the advisor walks round it facing its front). Marks are stored in thousandths of the box, so the
 * zones below are the places a mark lands when it is placed without a mouse (the zone's centre).
 */
export const DIAGRAM = {
  body: { x: 300, y: 70, width: 400, height: 860, radius: 130 },
  windscreen: 'M 335 300 L 665 300 L 635 385 L 365 385 Z',
  roof: { x: 365, y: 395, width: 270, height: 290 },
  rearWindow: 'M 365 695 L 635 695 L 660 765 L 340 765 Z',
  wheels: [
    { x: 262, y: 175, width: 38, height: 130 },
    { x: 700, y: 175, width: 38, height: 130 },
    { x: 262, y: 690, width: 38, height: 130 },
    { x: 700, y: 690, width: 38, height: 130 },
  ],
  mirrors: [
    { x: 268, y: 320, width: 32, height: 22 },
    { x: 700, y: 320, width: 32, height: 22 },
  ],
} as const;

export const ZONES = {
  frontBumper: [500, 95],
  bonnet: [500, 200],
  windscreen: [500, 340],
  roof: [500, 540],
  rearWindow: [500, 730],
  boot: [500, 840],
  rearBumper: [500, 910],
  leftFrontWing: [330, 200],
  leftFrontDoor: [330, 440],
  leftRearDoor: [330, 600],
  leftRearWing: [330, 770],
  rightFrontWing: [670, 200],
  rightFrontDoor: [670, 440],
  rightRearDoor: [670, 600],
  rightRearWing: [670, 770],
  leftFrontWheel: [281, 240],
  leftRearWheel: [281, 755],
  rightFrontWheel: [719, 240],
  rightRearWheel: [719, 755],
} as const satisfies Record<string, readonly [number, number]>;
export type Zone = keyof typeof ZONES;
export const ZONE_NAMES = Object.keys(ZONES) as Zone[];

/** Where a click on the diagram falls, in thousandths of its box (clamped, whole numbers). */
export function permilleOf(event: { clientX: number; clientY: number }, box: DOMRect): { x: number; y: number } {
  const clamp = (value: number) => Math.min(1000, Math.max(0, Math.round(value)));
  return {
    x: clamp(((event.clientX - box.left) / box.width) * 1000),
    y: clamp(((event.clientY - box.top) / box.height) * 1000),
  };
}

/** The area a mark lies in (部位): the named area whose centre is nearest to it. */
export function zoneOf(mark: { xPermille: number; yPermille: number }): Zone {
  let best: Zone = ZONE_NAMES[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const zone of ZONE_NAMES) {
    const [x, y] = ZONES[zone];
    const distance = (x - mark.xPermille) ** 2 + (y - mark.yPermille) ** 2;
    if (distance < bestDistance) {
      best = zone;
      bestDistance = distance;
    }
  }
  return best;
}
