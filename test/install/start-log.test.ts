// What `npm start` (scripts/start.ts) does with n8n's output: a log file that stays bounded, and one line per
// failed execution read from n8n's REST API (run data in n8n's `flatted` format, here as n8n 2.40.7 stores it).
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describeFailure, unflatten } from '../../scripts/failed-executions';
import { rotatingLog } from '../support/n8n/n8n';

const STORED =
	'[{"resultData":"1"},{"error":"2","lastNodeExecuted":"3","runData":"4"},{"message":"5","description":"6","node":"7"},"Commvault Plans",' +
	'{"Commvault Plans":"8"},"Commvault returned 503 (item 0): Service Unavailable","Commvault had an internal problem.\\nRequest: GET /x",' +
	'{"name":"3"},["9"],{"n":1}]';

test("n8n's stored run data is read back: nested objects, repeated strings, arrays", () => {
	expect(unflatten(STORED)).toEqual({
		resultData: {
			error: { message: 'Commvault returned 503 (item 0): Service Unavailable', description: 'Commvault had an internal problem.\nRequest: GET /x', node: { name: 'Commvault Plans' } },
			lastNodeExecuted: 'Commvault Plans',
			runData: { 'Commvault Plans': [{ n: 1 }] },
		},
	});
});

test('a failed execution is one line naming the workflow, the node and the error, and a link to it', () => {
	const line = describeFailure('http://127.0.0.1:5678', { id: '42', workflowId: 'exCrmDealWon0001' }, { data: STORED, workflowData: { name: 'CRM deal won' } });
	expect(line).toBe(
		'execution 42 of "CRM deal won" failed at "Commvault Plans": Commvault returned 503 (item 0): Service Unavailable (Commvault had an internal problem.)\n' +
			'  http://127.0.0.1:5678/workflow/exCrmDealWon0001/executions/42',
	);
	// Run data it cannot read still gives the link.
	expect(describeFailure('http://x', { id: '7', workflowId: 'wf' }, { data: 'not json' })).toBe('execution 7 of "wf" failed\n  http://x/workflow/wf/executions/7');
});

test("n8n's log file moves to <file>.1 when it passes its size, so two files at most are kept", () => {
	const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'n8n-log-')), 'n8n.log');
	const write = rotatingLog(file, 1000);
	for (let i = 0; i < 30; i++) write(`${'x'.repeat(99)}\n`);
	expect(existsSync(`${file}.1`)).toBe(true);
	expect(statSync(file).size).toBeLessThanOrEqual(1100);
	expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(1100);
	expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).length + readFileSync(`${file}.1`, 'utf8').split('\n').filter(Boolean).length).toBeLessThan(30);
});
