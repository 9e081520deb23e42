/** Final quality check and completion certificates (issue 4); part of the workshop area (procedures workshop.*). */
export const qualityContract = {};
