import { ensureN8n, ensureQueueDeps } from '../../support/n8n/install';

/**
 * Once per queue-mode run, before any test: make sure n8n, redis-server and PostgreSQL are installed and work.
 * A failure ends the run here, once, with one sentence (the suite's own setup finds them ready).
 */
export default async function globalSetup(): Promise<void> {
	ensureQueueDeps();
	ensureN8n();
}
