/** Comebacks (issue 4): detected at RO opening, confirmed by the foreman; part of the workshop area (workshop.*). */
export const comebacksContract = {};
