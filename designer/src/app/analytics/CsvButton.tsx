import { useTranslation } from 'react-i18next';
import { downloadCsv, toCsv, type CsvColumn } from './csv';

/** Downloads a table's rows as CSV. */
export function CsvButton<Row>({ fileName, rows, columns }: { fileName: string; rows: readonly Row[]; columns: readonly CsvColumn<Row>[] }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="sb-app-button" onClick={() => downloadCsv(fileName, toCsv(rows, columns))} data-testid={`csv-${fileName}`}>
      {t('app.analytics.csv')}
    </button>
  );
}
