import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmulatorRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** JSON body when the request sent JSON, otherwise undefined. */
	json: unknown;
	params: Record<string, string>;
}

export interface EmulatorResponse {
	status: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON, strings as they are. */
	body?: unknown;
}

export interface EmulatorCredential {
	type: string;
	name: string;
	data: Record<string, string | number | boolean>;
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: http.IncomingHttpHeaders;
	body: string;
	status: number;
	at: number;
	/** Whether a fault was served instead of (or after) the real handler. */
	fault?: string;
}

export interface Fault {
	/** Only requests that match (method and a path pattern) are affected. */
	method?: string;
	path?: string | RegExp;
	/** How many matching requests get the fault (default 1). */
	times?: number;
	/** Answer with this status (and headers/body) instead of the real answer. */
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Destroy the connection without an answer (a reset). */
	dropConnection?: boolean;
	/** Wait this long before answering (or dropping). */
	delayMs?: number;
	/**
	 * Wait this long before the real handler runs (with `applyFirst`): a slow writer, whose copy lands long
	 * after it read the resource.
	 */
	holdMs?: number;
	/** Run the real handler first (the change lands), then serve the fault. */
	applyFirst?: boolean;
	/**
	 * In-process only: runs right after the real handler (with `applyFirst`), e.g. another writer that lands
	 * an older copy of the resource between our write and our next read.
	 */
	afterApply?: () => void;
}

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
	const keys: string[] = [];
	const source = path
		.split('/')
		.map((part) => {
			if (part.startsWith(':')) {
				keys.push(part.slice(1));
				return '([^/]+)';
			}
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { pattern: new RegExp(`^${source}/?$`), keys };
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const all = query.getAll(key);
		out[key] = all.length === 1 ? all[0] : all;
	}
	return out;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A provider emulator: a real HTTP server on 127.0.0.1 with in-memory state, a request log,
 * injectable faults and latency, and control endpoints under /__emulator for out-of-process use.
 */
export abstract class Emulator {
	abstract readonly name: string;

	readonly log: LoggedRequest[] = [];

	latencyMs = 0;

	private readonly routes: Route[] = [];

	private faults: Array<Fault & { remaining: number }> = [];

	private server: http.Server | undefined;

	private readonly sockets = new Set<import('node:net').Socket>();

	baseUrl = '';

	/** Puts the seed data back. */
	abstract reset(): void;

	/**
	 * The n8n credential that reaches this emulator (type and data), for tests, `npm start` and the
	 * end-to-end suite. Call after start().
	 */
	abstract credential(): EmulatorCredential;

	/** The secret values of that credential (by field name), for "no secret anywhere" scans. */
	secrets(): string[] {
		return Object.entries(this.credential().data)
			.filter(([key, value]) => typeof value === 'string' && value.length >= 4 && /key|secret|password|token/i.test(key))
			.map(([, value]) => String(value));
	}

	/** Plain JSON snapshot of the state, for assertions and the control endpoint. */
	abstract snapshot(): unknown;

	protected route(method: string, path: string, handler: Handler): void {
		const { pattern, keys } = compile(path);
		this.routes.push({ method, pattern, keys, handler });
	}

	/** Runs after every reset, e.g. to add customers on top of the seed data. */
	afterReset: (() => void) | undefined;

	/** Clears the log, faults and latency and restores the seed data. */
	resetAll(): void {
		this.log.length = 0;
		this.faults = [];
		this.latencyMs = 0;
		this.reset();
		this.afterReset?.();
	}

	injectFault(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1 });
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** Logged requests, optionally filtered by method and path. */
	requests(method?: string, path?: string | RegExp): LoggedRequest[] {
		return this.log.filter(
			(r) =>
				(!method || r.method === method) &&
				(!path || (typeof path === 'string' ? r.path === path : path.test(r.path))),
		);
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.baseUrl = `http://${host}:${address.port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex(
			(f) =>
				f.remaining > 0 &&
				(!f.method || f.method === method) &&
				(!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.remaining--;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://localhost');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = decodeURIComponent(url.pathname);

		if (path.startsWith('/__emulator/')) {
			this.control(method, path, rawBody, res);
			return;
		}

		const entry: LoggedRequest = {
			method,
			path,
			query: queryObject(url.searchParams),
			headers: req.headers,
			body: rawBody,
			status: 0,
			at: Date.now(),
		};
		this.log.push(entry);
		if (this.latencyMs > 0) await delay(this.latencyMs);

		const fault = this.takeFault(method, path);
		if (fault?.holdMs) await delay(fault.holdMs);
		let response: EmulatorResponse | undefined;
		if (!fault || fault.applyFirst) response = await this.dispatch(method, path, url, req, rawBody);
		if (fault) {
			fault.afterApply?.();
			entry.fault = JSON.stringify({ ...fault, path: String(fault.path ?? '') });
			if (fault.delayMs) await delay(fault.delayMs);
			if (fault.dropConnection) {
				entry.status = -1;
				req.socket.destroy();
				return;
			}
			if (fault.status) response = { status: fault.status, headers: fault.headers, body: fault.body ?? {} };
		}
		this.send(res, response ?? { status: 500, body: {} }, entry);
	}

	private async dispatch(
		method: string,
		path: string,
		url: URL,
		req: http.IncomingMessage,
		rawBody: string,
	): Promise<EmulatorResponse> {
		let json: unknown;
		if (rawBody && String(req.headers['content-type'] ?? '').includes('json')) {
			try {
				json = JSON.parse(rawBody);
			} catch {
				json = undefined;
			}
		}
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const match = route.pattern.exec(path);
			if (!match) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => (params[key] = match[i + 1]));
			try {
				return await route.handler({ method, path, query: url.searchParams, headers: req.headers, rawBody, json, params });
			} catch (error) {
				return { status: 500, body: { emulatorError: String(error) } };
			}
		}
		return this.notFound(method, path);
	}

	/** The provider's own answer for an unknown route. */
	protected notFound(method: string, path: string): EmulatorResponse {
		return { status: 404, body: { error: `No route for ${method} ${path}` } };
	}

	private send(res: http.ServerResponse, response: EmulatorResponse, entry?: LoggedRequest): void {
		if (entry) entry.status = response.status;
		const headers: Record<string, string> = { ...(response.headers ?? {}) };
		let payload = '';
		if (response.body !== undefined) {
			if (typeof response.body === 'string') {
				payload = response.body;
				headers['Content-Type'] ??= 'text/plain';
			} else {
				payload = JSON.stringify(response.body);
				headers['Content-Type'] ??= 'application/json';
			}
		}
		res.writeHead(response.status, headers);
		res.end(payload);
	}

	private control(method: string, path: string, rawBody: string, res: http.ServerResponse): void {
		const body = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
		const ok = (payload: unknown) => this.send(res, { status: 200, body: payload });
		switch (`${method} ${path}`) {
			case 'GET /__emulator/state':
				return ok(this.snapshot());
			case 'GET /__emulator/log':
				return ok(this.log);
			case 'POST /__emulator/reset':
				this.resetAll();
				return ok({ reset: true });
			case 'POST /__emulator/latency':
				this.latencyMs = Number(body.ms ?? 0);
				return ok({ latencyMs: this.latencyMs });
			case 'POST /__emulator/faults': {
				const fault = body as Fault & { pathPattern?: string };
				if (fault.pathPattern) fault.path = new RegExp(fault.pathPattern);
				this.injectFault(fault);
				return ok({ queued: this.faults.length });
			}
			default:
				return this.send(
					res,
					this.controlExtra(method, path, body) ?? { status: 404, body: { error: `No control endpoint ${method} ${path}` } },
				);
		}
	}

	/** Provider-specific control endpoints (e.g. expiring tokens); undefined means 404. */
	protected controlExtra(_method: string, _path: string, _body: Record<string, unknown>): EmulatorResponse | undefined {
		return undefined;
	}
}
