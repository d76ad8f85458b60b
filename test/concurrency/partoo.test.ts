// Partoo: many executions at once on one organization (the plan list is written whole).
import { PARTOO_PLAN_NAMES, PartooEmulator } from '../emulators/partoo';
import type { StoredCredential } from '../harness/credentials';
import { run, useEmulator, workflowFrom } from '../helpers';
import { atOnce, falseUpdates, outputsOf, serialHistory } from './history';

const emulator = useEmulator(new PartooEmulator());
const addOrUpdate = workflowFrom(`${__dirname}/../partoo`, 'addOrUpdate');
const credential = (): StoredCredential[] => [{ ...emulator.credential(), id: 'partoo', name: 'Partoo account' }];
const ORG = 44; // starts without plans
const date = (i: number) => `2027-${String((i % 12) + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;

describe('Partoo: executions at once on one organization', () => {
	test('20 executions, each adding a plan: every plan is there, and the reports form one serial history', async () => {
		emulator.latencyMs = 20;
		// Partoo documents 11 plan names, so 20 executions cannot all name different plans: execution i adds plan
		// i % 11 with its own expiry date. Plans 9 and 10 have one writer each; plans 0-8 have two, asking for
		// different dates: one of the two dates must win, and the reports must say which.
		const results = await atOnce(20, (i) => run(addOrUpdate, credential(), [{ orgId: ORG, plans: [PARTOO_PLAN_NAMES[i % 11]], contractEnd: date(i) }]));
		const outputs = outputsOf(results, 'Partoo');
		const plans = emulator.plans(ORG);
		const held = (field: string) => {
			const plan = plans.find((p) => `plans.${p.name}` === field);
			return plan ? { expiration_date: plan.expiration_date } : null;
		};

		expect(plans.map((p) => p.name).sort()).toEqual([...PARTOO_PLAN_NAMES].sort());
		for (const i of [9, 10]) expect(plans.find((p) => p.name === PARTOO_PLAN_NAMES[i])?.expiration_date).toBe(date(i));
		for (let i = 0; i < 9; i++) expect([date(i), date(i + 11)]).toContain(plans.find((p) => p.name === PARTOO_PLAN_NAMES[i])?.expiration_date);
		const fields = PARTOO_PLAN_NAMES.map((name) => `plans.${name}`);
		expect(fields.flatMap((field) => serialHistory(field, null, held(field), outputs))).toEqual([]);
		expect(falseUpdates(outputs, held, ['plans.booking_links', 'plans.webhooks'])).toEqual([]);
	});
});
