// The environment `npm start` gives n8n (scripts/start.ts): the user's variables win over its local defaults.
import { startEnv } from '../../scripts/start';

test("the user's n8n variables reach n8n, npm's own do not, and the rest are local defaults", () => {
	const env = startEnv('/work/user', {
		PATH: '/usr/bin',
		HOME: '/root',
		DB_SQLITE_POOL_SIZE: '4',
		N8N_LOG_LEVEL: 'debug',
		GENERIC_TIMEZONE: 'Europe/Paris',
		npm_config_ignore_scripts: 'true',
		npm_lifecycle_event: 'start',
	});
	expect(env).toMatchObject({
		DB_SQLITE_POOL_SIZE: '4',
		N8N_LOG_LEVEL: 'debug',
		GENERIC_TIMEZONE: 'Europe/Paris',
		N8N_USER_FOLDER: '/work/user',
		N8N_PORT: '5678',
		N8N_RUNNERS_BROKER_PORT: '5679',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
	});
	expect(Object.keys(env).filter((key) => key.startsWith('npm_'))).toEqual([]);
});

test("the task-runner broker's port follows N8N_PORT unless it is set (a second n8n on the machine)", () => {
	expect(startEnv('/u', { N8N_PORT: '5690' })).toMatchObject({ N8N_PORT: '5690', N8N_RUNNERS_BROKER_PORT: '5691', N8N_EDITOR_BASE_URL: 'http://127.0.0.1:5690' });
	expect(startEnv('/u', { N8N_PORT: '5690', N8N_RUNNERS_BROKER_PORT: '6000' }).N8N_RUNNERS_BROKER_PORT).toBe('6000');
});
