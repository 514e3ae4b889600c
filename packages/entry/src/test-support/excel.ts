/** exceljs for cross-node tests in test/ (the root does not depend on it directly). */
import ExcelJS from 'exceljs';

export { ExcelJS };
