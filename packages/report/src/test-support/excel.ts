import ExcelJS from 'exceljs';

/** exceljs for tests outside this package (the root `test/` folder cannot resolve it itself). */
export { ExcelJS };
