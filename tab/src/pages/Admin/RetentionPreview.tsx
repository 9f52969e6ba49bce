// What retention will delete, and when, with the settings in the form: shown before dates or retention
// are saved (and on request). Per pair the date (against today's settings) and when members are told;
// counts per kind only across at least five pairs.
import {
  Badge,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { LIMITS } from '../../../../bot/src/domain/limits';
import type { RetentionPreview as Preview } from './adminTypes';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useAdminStyles } from './Admin.styles';
import { strings } from './strings';
import { FigureView } from './Withheld';

const s = strings.retention;

interface Props {
  open: boolean;
  preview?: Preview;
  error?: Error;
  locale: string;
  /** Present when the preview stands before a save: the admin confirms it. */
  onConfirm?: () => void;
  onClose: () => void;
}

export function RetentionPreview({ open, preview, error, locale, onConfirm, onClose }: Props) {
  const styles = useAdminStyles();
  const date = (day: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const ended = preview?.pairs.filter((p) => p.status === 'ended') ?? [];
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.wideDialog}>
        <DialogBody>
          <DialogTitle>{onConfirm ? s.confirmTitle : s.title}</DialogTitle>
          <DialogContent className={styles.panel}>
            {error && <ProblemMessage error={error} />}
            {!preview && !error && <Spinner label={strings.loading} />}
            {preview && (
              <>
                <Text>
                  {s.rule(
                    preview.retentionDays,
                    preview.floorDays,
                    preview.noticeDays[0] ?? preview.floorDays,
                    new Intl.ListFormat(document.documentElement.lang || undefined, { type: 'conjunction' }).format(
                      preview.noticeDays.map(String),
                    ),
                  )}
                </Text>
                {ended.length === 0 ? (
                  <Caption1>{s.noEnded}</Caption1>
                ) : (
                  // Focusable, so that a table wider than the dialog scrolls by keyboard too.
                  <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={s.title}>
                    <Table size="small" aria-label={s.title}>
                      <TableHeader>
                        <TableRow>
                          <TableHeaderCell>{s.pair}</TableHeaderCell>
                          <TableHeaderCell>{s.deletesOn}</TableHeaderCell>
                          <TableHeaderCell>{s.now}</TableHeaderCell>
                          <TableHeaderCell>{s.notices}</TableHeaderCell>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {ended.map((p) => (
                          <TableRow key={p.pairId}>
                            <TableCell>{`${p.mentor.name} → ${p.mentee.name}`}</TableCell>
                            <TableCell>
                              {p.deletedOn
                                ? s.alreadyDeleted(date(p.deletedOn))
                                : p.deletesOn
                                  ? date(p.deletesOn)
                                  : '—'}
                              {p.deletesOn && p.currentlyDeletesOn && p.deletesOn !== p.currentlyDeletesOn && (
                                <>
                                  {' '}
                                  <Badge
                                    appearance="tint"
                                    color={p.deletesOn < p.currentlyDeletesOn ? 'warning' : 'informative'}
                                  >
                                    {p.deletesOn < p.currentlyDeletesOn ? s.earlier : s.later}
                                  </Badge>
                                </>
                              )}
                            </TableCell>
                            <TableCell>{p.currentlyDeletesOn ? date(p.currentlyDeletesOn) : '—'}</TableCell>
                            <TableCell>{p.noticesOn.map(date).join(', ') || '—'}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </div>
                )}
                {preview.pairs.length > ended.length && (
                  <Caption1>{s.notEnded(preview.pairs.length - ended.length)}</Caption1>
                )}
                <Text weight="semibold">{s.counts}</Text>
                <FigureView figure={preview.content} minimum={LIMITS.insightsMinPairs}>
                  {(counts) => (
                    <ul className={styles.reasons}>
                      {Object.entries(counts).map(([kind, n]) => (
                        <li key={kind}>
                          <Text>{`${s.kinds[kind] ?? kind}: ${n}`}</Text>
                        </li>
                      ))}
                    </ul>
                  )}
                </FigureView>
              </>
            )}
          </DialogContent>
          <DialogActions>
            {onConfirm && (
              <Button appearance="primary" disabled={!preview} onClick={onConfirm}>
                {s.confirm}
              </Button>
            )}
            <Button appearance="secondary" onClick={onClose}>
              {onConfirm ? strings.cancel : s.close}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
