import { isTransientSignInFailure } from '../../nodes/core/signIn';

// The transport retries a request whose token refresh failed for a passing reason (fault matrix: "the sign-in
// answers 503 once" in test/faults/{elastic-path,commvault,instellix}.test.ts). This pins what counts as passing.
describe('A sign-in failure worth trying again', () => {
	test.each([
		['Elastic Path login failed (HTTP 503): Service Unavailable. Elastic Path had a problem; try again later.', true],
		['Instellix request failed (item 4): Instellix login failed (HTTP 429): slow down. Check the credential.', true],
		['Commvault login failed (HTTP 502). Commvault had a problem; try again later.', true],
		['Instellix login failed: could not reach http://127.0.0.1:9/acme/oauth2/token (the connection was refused). Check the URL.', true],
		['Elastic Path login failed (HTTP 401): Unauthorized: Invalid client credentials. Check the client ID and client secret.', false],
		['Instellix login failed (HTTP 404): Realm "x" does not exist - invalid_realm.', false],
		['Commvault login failed: Invalid Username or Password. Check the username, password and domain.', false],
		['Commvault login failed: the answer held no token. Check the username.', false],
		['Partoo returned 503 (item 0): Service Unavailable', false],
	])('%s -> %s', (text, transient) => {
		expect(isTransientSignInFailure(text)).toBe(transient);
	});
});
