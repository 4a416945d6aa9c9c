import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { dossierKeys, getReceiptSlip } from '../../api/dossiers';
import type { DossierReceiptSlip } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { usePageTitle } from '../../components/use-page-title';
import { formatInstant } from '../../format';
import './print-receipt.css';

/**
 * "In giấy tiếp nhận" (issue #13 item 5): the receipt slip (Form 01) as a print-ready page outside the app's
 * frame, which asks the browser to print once it has drawn; the .docx stays on the detail page for editing.
 * The content is the server's (GET /api/dossiers/:id/receipt-slip), the same view the .docx is made from.
 */
export function PrintReceiptPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const slip = useQuery({ queryKey: dossierKeys.receiptSlip(id), queryFn: () => getReceiptSlip(id) });
  usePageTitle(t('dossiers.print_receipt.page_title', { code: slip.data?.dossierCode ?? '' }));
  const printed = useRef(false);
  const qr = useRef<HTMLImageElement>(null);

  useEffect(() => {
    if (!slip.data || printed.current) return;
    const img = qr.current;
    const print = () => {
      if (printed.current) return;
      printed.current = true;
      window.print();
    };
    // The QR code is part of the slip: print once it has been decoded.
    if (!img || img.complete) print();
    else img.addEventListener('load', print, { once: true });
  }, [slip.data]);

  if (slip.isPending) return <FullPageSpinner />;
  if (slip.isError) {
    return (
      <main style={{ padding: 24 }}>
        <ErrorAlert error={slip.error} onRetry={() => void slip.refetch()} />
      </main>
    );
  }
  return (
    <main className="print-receipt">
      <Space className="print-toolbar" wrap>
        <Link to={`/dossiers/${encodeURIComponent(id)}`}>
          <ArrowLeftOutlined /> {t('dossiers.print_receipt.back')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('dossiers.print_receipt.print')}
        </Button>
        <span className="print-hint">{t('dossiers.print_receipt.hint')}</span>
      </Space>
      <ReceiptSlipSheet slip={slip.data} qrRef={qr} />
    </main>
  );
}

function kindMarks(kind: DossierReceiptSlip['components'][number]['kind'], certified: string): [string, string] {
  switch (kind) {
    case 'original':
      return ['x', ''];
    case 'certified_copy':
      return ['', certified];
    case 'copy':
      return ['', 'x'];
    case 'original_or_copy':
      return ['x', 'x'];
  }
}

function ReceiptSlipSheet({ slip, qrRef }: { slip: DossierReceiptSlip; qrRef: React.RefObject<HTMLImageElement | null> }) {
  const { t } = useTranslation();
  const [year, month, day] = slip.header.issuedOn.split('-');
  const a = slip.applicant;
  return (
    <article className="receipt-sheet" aria-labelledby="receipt-title">
      <header className="receipt-head">
        <div>
          {slip.header.agencyParent ? <div>{slip.header.agencyParent}</div> : null}
          <div className="receipt-strong">{slip.header.agencyName}</div>
        </div>
        <div>
          <div className="receipt-strong">{t('dossiers.print_receipt.motto')}</div>
          <div className="receipt-strong receipt-underline">{t('dossiers.print_receipt.motto_sub')}</div>
          <div className="receipt-date">{t('dossiers.print_receipt.date_line', { place: slip.header.place, day, month, year })}</div>
        </div>
      </header>
      <h1 id="receipt-title">{t('dossiers.print_receipt.title')}</h1>
      <p className="receipt-center">
        {t('dossiers.print_receipt.code')} <strong>{slip.dossierCode}</strong>
      </p>
      <p>{t('dossiers.print_receipt.desk', { agency: slip.header.agencyName })}</p>
      <p>
        {t('dossiers.print_receipt.received_from')} <strong>{a.name}</strong>
      </p>
      {a.taxCode || a.representative ? (
        <p>
          {[
            a.taxCode ? `${t('dossiers.print_receipt.tax_code')} ${a.taxCode}` : '',
            a.representative ? `${t('dossiers.print_receipt.representative')} ${a.representative}` : '',
          ]
            .filter(Boolean)
            .join('; ')}
        </p>
      ) : null}
      {a.address ? <p>{`${t('dossiers.print_receipt.address')} ${a.address}`}</p> : null}
      {a.phone || a.email ? (
        <p>
          {[a.phone ? `${t('dossiers.print_receipt.phone')} ${a.phone}` : '', a.email ? `${t('dossiers.print_receipt.email')} ${a.email}` : '']
            .filter(Boolean)
            .join('; ')}
        </p>
      ) : null}
      <p>
        {t('dossiers.print_receipt.request')} <strong>{slip.procedureName}</strong>
      </p>
      <p>{t('dossiers.print_receipt.components')}</p>
      <table className="receipt-table">
        <thead>
          <tr>
            <th>{t('dossiers.print_receipt.col_no')}</th>
            <th>{t('dossiers.print_receipt.col_name')}</th>
            <th>{t('dossiers.print_receipt.col_original')}</th>
            <th>{t('dossiers.print_receipt.col_copy')}</th>
            <th>{t('dossiers.print_receipt.col_quantity')}</th>
          </tr>
        </thead>
        <tbody>
          {slip.components.map((c, i) => {
            const [original, copy] = kindMarks(c.kind, t('dossiers.print_receipt.certified'));
            return (
              <tr key={`${i}-${c.name}`}>
                <td className="receipt-center">{i + 1}</td>
                <td>{c.name}</td>
                <td className="receipt-center">{original}</td>
                <td className="receipt-center">{copy}</td>
                <td className="receipt-center">{c.copies}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>{t('dossiers.print_receipt.sets', { count: slip.sets })}</p>
      <p>{t('dossiers.print_receipt.time_limit', { limit: slip.timeLimitText })}</p>
      <p>{t('dossiers.print_receipt.received_at', { at: formatInstant(slip.receivedAt) })}</p>
      <p>
        {t('dossiers.print_receipt.due_at')} <strong>{formatInstant(slip.dueAt)}</strong>
      </p>
      <p>{t('dossiers.print_receipt.delivery', { where: slip.resultDelivery })}</p>
      <section className="receipt-lookup">
        <div>
          <p className="receipt-strong">{t('dossiers.print_receipt.lookup')}</p>
          <p>
            {t('dossiers.print_receipt.pin')} <strong>{slip.lookupPin}</strong>
          </p>
          <p className="receipt-url">
            {t('dossiers.print_receipt.lookup_url')} <em>{slip.lookupUrl}</em>
          </p>
          <p>
            <em>{t('dossiers.print_receipt.scan')}</em>
          </p>
        </div>
        <img ref={qrRef} src={slip.qrPng} alt={t('dossiers.print_receipt.qr_alt', { code: slip.dossierCode })} width={110} height={110} />
      </section>
      <footer className="receipt-signatures">
        <Signature title={t('dossiers.print_receipt.applicant_sign')} name={a.representative ?? a.name} />
        <Signature title={t('dossiers.print_receipt.officer_sign')} name={slip.officerName} />
      </footer>
    </article>
  );
}

/** A signature block: who signs, the hint, room for the signature and the printed name. */
function Signature({ title, name }: { title: string; name: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <div className="receipt-strong">{title}</div>
      <div>
        <em>{t('dossiers.print_receipt.sign_hint')}</em>
      </div>
      <div className="receipt-sign-name">{name}</div>
    </div>
  );
}
