/** Price-file import (CSV, XLSX) with remembered column mapping (issue 5): parts.* */
export const priceImportContract = {};
