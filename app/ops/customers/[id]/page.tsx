import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { AccountManagerPanel } from '@/components/account-managers/account-manager-panel';
import { ComplaintForm } from '@/components/complaints/complaint-form';
import { ClubChangeForm } from '@/components/members/club-change-form';
import { CustomerSummary } from '@/components/members/customer-summary';
import { MembershipPeriods } from '@/components/members/membership-periods';
import { DeskServices } from '@/components/services/desk-services';
import { CustomerRegistrations } from '@/components/tickets/customer-registrations';
import { RegisterForCustomerForm } from '@/components/tickets/register-for-customer-form';
import { ActivityTimeline } from '@/components/timeline/activity-timeline';
import { PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, WIDE_ONLY } from '@/components/ui/table';
import { AREA_ROLES, canActForCustomer, coversClub, type Actor } from '@/lib/domain/access';
import { COMPLAINT_MAX_LENGTH } from '@/lib/domain/complaint-rules';
import { pageNumber } from '@/lib/domain/paging';
import { complaintTopicName, localized } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { listCustomerComplaints } from '@/lib/server/complaints';
import { getActivityTimeline, getCustomerBalances, getCustomerRecord, TIMELINE_PAGE_SIZE } from '@/lib/server/customers';
import { requirePageActor } from '@/lib/server/guard';
import { orPageError } from '@/lib/server/page-errors';
import { listCustomerRegistrations } from '@/lib/server/registrations';
import { getCustomerLoanerOptions, getCustomerServiceOptions, listCustomerBookings } from '@/lib/server/services/desk';
import { listRegistrableEvents } from '@/lib/server/staff-registrations';
import { CLUB_CODES, COMPLAINT_TOPICS } from '@/lib/domain/types';
import { STAFF_CHANNELS } from '@/lib/validation/members';
import { assignAccountManagerAction, enrollCustomer, fileComplaintForCustomer, withdrawCustomer } from './actions';
import { cancelCustomerRegistration, registerCustomer } from './registration-actions';
import { applyTrialForCustomer, bookServiceForCustomer, lendLoanerForCustomer } from './service-actions';
import { YUAN } from '@/lib/domain/money';
import { DAY } from '@/lib/domain/time';
import { beijingDay } from '@/lib/validation/service-ops';
import { TypedText } from '@/components/ui/typed-text';

/** The events the customer may be registered for and their upcoming registrations, for staff who act for them. */
async function loadRegistrations(actor: Actor, customerId: number) {
  const [events, registrations] = await Promise.all([listRegistrableEvents(actor, customerId), listCustomerRegistrations(actor, customerId, { upcomingOnly: true })]);
  return { events, registrations: registrations.reverse() };
}

/** What the desk may book, apply for and lend for the customer, for the handset club's operators who act for them. */
async function loadDeskServices(actor: Actor, customerId: number) {
  const [options, loaners, bookings] = await Promise.all([getCustomerServiceOptions(actor, customerId), getCustomerLoanerOptions(actor, customerId), listCustomerBookings(actor, customerId)]);
  // A loan is due back a week from today by default.
  return { standing: options.standing, slots: options.slots, programmes: options.programmes, ...loaners, bookings, dueDate: beijingDay(Date.now() + 7 * DAY) };
}

export default async function CustomerRecordPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/customers/${id}`);
  const customerId = Number(id);
  if (!Number.isSafeInteger(customerId) || customerId <= 0) notFound();
  const page = pageNumber((await searchParams).page);
  const locale = await getLocale();
  const [{ customer, memberships }, timeline, balances] = await orPageError(
    Promise.all([getCustomerRecord(actor, customerId), getActivityTimeline(actor, customerId, page), getCustomerBalances(actor, customerId)]),
  );
  const mayAct = canActForCustomer(actor, customer);
  const [clubNames, t, tc, tp, tr, tComplaints, tStatus, format, registering, complaints, desk] = await Promise.all([
    clubNamesIn(locale),
    getTranslations('customerRecord'),
    getTranslations('channels'),
    getTranslations('points'),
    getTranslations('register.staff'),
    getTranslations('complaints.staff'),
    getTranslations('complaints.status'),
    getFormatter(),
    mayAct ? loadRegistrations(actor, customerId) : null,
    mayAct ? listCustomerComplaints(actor, customerId) : [],
    mayAct && coversClub(actor, 'handset') ? loadDeskServices(actor, customerId) : null,
  ]);
  const channels = STAFF_CHANNELS.map((c) => ({ code: c, name: tc(c) }));
  const openClubs = new Set(memberships.filter((m) => m.leftAt === null).map((m) => m.clubCode));
  const joinable = CLUB_CODES.filter((c) => !openClubs.has(c) && coversClub(actor, c)).map((c) => ({ code: c, name: clubNames[c] ?? c }));
  const yuan = (fen: number) => format.number(fen / 100, YUAN);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const eventOptions = (registering?.events ?? []).map((e) => ({
    id: e.id,
    label: [localized(locale, e.titleZh, e.titleEn), when(e.startsAt), e.seatsLeft > 0 ? tr('seatsLeft', { count: e.seatsLeft }) : tr('full')].join(' · '),
  }));

  return (
    <>
      <PageHeader title={t('title', { name: customer.name })} description={customer.masked ? t('maskedNote') : undefined} />
      <div className="space-y-6">
        <CustomerSummary customer={customer} />
        {mayAct && customer.segment === 'postpaid_vip' ? <AccountManagerPanel actor={actor} customer={customer} action={assignAccountManagerAction} /> : null}
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t('memberships')}</h2>
          <MembershipPeriods
            periods={memberships}
            clubNames={clubNames}
            actions={
              mayAct
                ? (p) =>
                    coversClub(actor, p.clubCode) ? (
                      <ClubChangeForm mode="withdraw" action={withdrawCustomer} customerId={customerId} clubs={[{ code: p.clubCode, name: clubNames[p.clubCode] ?? p.clubCode }]} channels={channels} />
                    ) : null
                : undefined
            }
          />
          {mayAct && joinable.length > 0 ? (
            <div className="mt-3 rounded-lg border border-gray-200 bg-white p-3">
              <h3 className="mb-2 text-sm font-medium">{t('enrollTitle')}</h3>
              <ClubChangeForm mode="enroll" action={enrollCustomer} customerId={customerId} clubs={joinable} channels={channels} />
            </div>
          ) : null}
        </section>
        {registering ? (
          <section aria-labelledby="register-for-customer">
            <h2 id="register-for-customer" className="mb-2 text-lg font-semibold">
              {tr('title')}
            </h2>
            <div className="rounded-lg border border-gray-200 bg-white p-3">
              {eventOptions.length > 0 ? (
                // A fresh key per page view: a double submit of the form is replayed, not registered twice.
                <RegisterForCustomerForm customerId={customerId} idempotencyKey={crypto.randomUUID()} events={eventOptions} channels={channels} action={registerCustomer} />
              ) : (
                <p className="text-sm text-gray-600">{tr('noEvents')}</p>
              )}
            </div>
            <h3 className="mt-4 mb-2 text-base font-semibold">{tr('registrations')}</h3>
            <CustomerRegistrations
              rows={registering.registrations}
              keys={Object.fromEntries(registering.registrations.filter((r) => r.cancellable).map((r) => [r.id, crypto.randomUUID()]))}
              cancelAction={cancelCustomerRegistration}
            />
          </section>
        ) : null}
        {desk ? (
          <DeskServices
            customerId={customerId}
            data={desk}
            channels={channels}
            keys={{ book: crypto.randomUUID(), trial: crypto.randomUUID(), loan: crypto.randomUUID() }}
            dueDate={desk.dueDate}
            actions={{ book: bookServiceForCustomer, trial: applyTrialForCustomer, loan: lendLoanerForCustomer }}
          />
        ) : null}
        {mayAct ? (
          <section aria-labelledby="complaint-for-customer">
            <h2 id="complaint-for-customer" className="mb-2 text-lg font-semibold">
              {tComplaints('title')}
            </h2>
            <div className="rounded-lg border border-gray-200 bg-white p-3">
              <ComplaintForm topics={COMPLAINT_TOPICS.map((code) => ({ code, name: complaintTopicName(locale, code) }))} maxLength={COMPLAINT_MAX_LENGTH} action={fileComplaintForCustomer} forCustomer={{ customerId, channels, idempotencyKey: crypto.randomUUID() }} />
            </div>
            {complaints.length > 0 ? (
              <>
                <h3 className="mt-4 mb-2 text-base font-semibold">{tComplaints('earlier', { count: complaints.length })}</h3>
                <Table head={[t('complaintFiled'), t('complaintTopic'), t('complaintStatus'), t('complaintReply')]} wideOnly={[3]}>
                  {complaints.map((c) => (
                    <tr key={c.id} data-testid="customer-complaint">
                      <Td className="sm:whitespace-nowrap">
                        {when(c.createdAt)} · {tc(c.channel)}
                      </Td>
                      <Td>
                        {complaintTopicName(locale, c.topic)}
                        <TypedText text={c.body} className="block max-w-md text-xs break-words text-gray-600" />
                        {c.reply ? (
                          <span className="mt-1 block text-xs break-words text-gray-800 sm:hidden">{t.rich('complaintReplied', { reply: () => <TypedText text={c.reply!} /> })}</span>
                        ) : null}
                      </Td>
                      <Td className="whitespace-nowrap">{tStatus(c.status)}</Td>
                      <Td className={`max-w-md break-words ${WIDE_ONLY}`}>{c.reply ? <TypedText text={c.reply} /> : null}</Td>
                    </tr>
                  ))}
                </Table>
              </>
            ) : null}
          </section>
        ) : null}
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t('timeline')}</h2>
          <ActivityTimeline rows={timeline.rows} clubNames={clubNames} />
          <Pagination path={`/ops/customers/${customerId}`} params={{}} page={page} total={timeline.total} pageSize={TIMELINE_PAGE_SIZE} />
        </section>
        <section className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <div>
            <h2 className="mb-2 text-lg font-semibold">{tp('pointsLedger')}</h2>
            {balances.points.length === 0 ? (
              <p className="text-sm text-gray-600">{tp('empty')}</p>
            ) : (
              <Table head={[tp('time'), tp('change'), tp('reason')]}>
                {balances.points.map((r) => (
                  <tr key={r.id}>
                    <Td className="whitespace-nowrap">{when(r.createdAt)}</Td>
                    <Td className="tabular-nums">{r.delta > 0 ? `+${r.delta}` : r.delta}</Td>
                    <Td>
                      {tp(`reasons.${r.reason}`)}
                      {r.externalRef ? <span className="block text-xs text-gray-600">{tp('fromBilling', { ref: r.externalRef, note: r.note ?? '' })}</span> : null}
                    </Td>
                  </tr>
                ))}
              </Table>
            )}
          </div>
          <div className="space-y-4">
            {balances.prepaid ? (
              <div>
                <h2 className="mb-2 text-lg font-semibold">{tp('prepaidLedger')}</h2>
                <Table head={[tp('time'), tp('change'), tp('reason')]}>
                  {balances.prepaid.map((r) => (
                    <tr key={r.id}>
                      <Td className="whitespace-nowrap">{when(r.createdAt)}</Td>
                      <Td className="tabular-nums">{yuan(r.delta)}</Td>
                      <Td>
                        {tp(`reasons.${r.reason}`)}
                        {r.externalRef ? <span className="block text-xs text-gray-600">{tp('fromBilling', { ref: r.externalRef, note: r.note ?? '' })}</span> : null}
                      </Td>
                    </tr>
                  ))}
                </Table>
              </div>
            ) : null}
            <div>
              <h2 className="mb-2 text-lg font-semibold">{t('charges')}</h2>
              {balances.charges.length === 0 ? (
                <p className="text-sm text-gray-600">{tp('empty')}</p>
              ) : (
                <Table head={[tp('time'), t('amount'), tp('note')]}>
                  {balances.charges.map((r) => (
                    <tr key={r.id}>
                      <Td className="whitespace-nowrap">{when(r.createdAt)}</Td>
                      <Td className="tabular-nums">{yuan(r.amountFen)}</Td>
                      <Td>
                        {/* The stored description is the bill's (Chinese) line; the page names the event in the UI's language. */}
                        {r.eventId !== null && r.eventZh !== null ? (
                          t(r.amountFen < 0 ? 'chargeRefund' : 'chargeFee', { event: localized(locale, r.eventZh, r.eventEn) })
                        ) : (
                          <TypedText text={r.description} />
                        )}
                      </Td>
                    </tr>
                  ))}
                </Table>
              )}
            </div>
          </div>
        </section>
      </div>
    </>
  );
}
