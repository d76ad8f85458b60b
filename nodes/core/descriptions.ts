import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

type Show = NonNullable<IDisplayOptions['show']>;

export const DEFAULT_CONCURRENCY = 5;

/** "Max Wait for Retry-After": its default and its upper bound, in seconds. */
export const DEFAULT_MAX_RETRY_AFTER_SECONDS = 120;
export const MAX_RETRY_AFTER_SECONDS = 3600;

/** The provider's documented rate limit, as ProviderApi.rateLimit declares it. */
interface DocumentedLimit {
	limit: number;
	per: string;
	documented: string;
	retryAfter?: string;
}

/** The "Options" collection every operation of every node shares. */
export function runOptions(
	show: Show,
	config: {
		dryRun: boolean;
		rateLimit?: DocumentedLimit;
		/** For updates: why this provider's writes are confirmed (what a concurrent writer could undo). */
		confirmReason?: string;
	},
	extra: INodeProperties[] = [],
): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many resources to work on at the same time. Items for the same resource are always applied in input order, with one read and one write.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How many times to retry a request that hit a rate limit (429), a server error (502, 503, 504) or a network error. Changes that are not safe to send twice are checked before they are sent again.',
		},
		{
			displayName: 'Max Wait for Retry-After',
			name: 'maxRetryAfter',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_RETRY_AFTER_SECONDS },
			default: DEFAULT_MAX_RETRY_AFTER_SECONDS,
			description: `The longest wait, in seconds, the node accepts when the provider answers with a Retry-After header${config.rateLimit?.retryAfter ? ` (${config.rateLimit.retryAfter})` : ''}. It waits exactly that long before retrying; a provider asking for longer ends the retries at once with an error that names the wait. Max Retries still limits how often it retries.`,
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description:
				'How long to wait for each answer from the provider, in milliseconds. Also the longest wait for another execution that is changing the same resource at that moment.',
		},
		...extra,
	];
	if (config.rateLimit) {
		const rateLimit: INodeProperties = {
			displayName: 'Rate Limit',
			name: 'rateLimit',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `Most requests sent per ${config.rateLimit.per}; the node waits rather than go over. 0 turns pacing off. ${config.rateLimit.documented} The executions of one n8n process (one queue-mode worker) that use the same account are paced together; other workers, n8n instances or tools share the provider's limit without knowing of each other.`,
		};
		// The default is the provider's documented limit (set here, as the lint rule wants a literal above).
		rateLimit.default = config.rateLimit.limit;
		options.push(rateLimit);
	}
	if (config.confirmReason) {
		options.push({
			displayName: 'Confirm Write',
			name: 'confirmWrite',
			type: 'boolean',
			default: true,
			description: `Whether to read the resource again shortly after writing, and write this item's change again if another n8n process (a queue-mode worker, a second instance) overwrote it with an older copy. ${config.confirmReason} Within one n8n process the node already makes executions that change the same resource take turns: turn this off only when no other process changes these resources. Costs one read per changed resource, after a pause of about 100 ms.`,
		});
	}
	if (config.dryRun) {
		options.unshift({
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only work out the changes and return the exact request that would be sent, without changing anything',
		});
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: `How the node sends its requests: concurrency, retries, Retry-After waits, timeout${config.rateLimit ? ', rate limit' : ''}${config.dryRun ? ' and dry run' : ''}`,
		displayOptions: { show },
		options,
	};
}

/** "Return All" and "Limit" for list operations (read with ItemParams.limit). */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/**
 * A resource picker: "From List" (a searchable listSearch method of the node) or "By ID" (checked by a
 * regular expression in the editor; the node checks it again before sending).
 */
export function resourceLocator(config: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	id: { placeholder: string; regex: string; errorMessage: string };
	required?: boolean;
}): INodeProperties {
	return {
		displayName: config.displayName,
		name: config.name,
		type: 'resourceLocator',
		required: config.required ?? true,
		default: { mode: 'list', value: '' },
		description: config.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: config.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: config.id.placeholder,
				validation: [{ type: 'regex', properties: { regex: config.id.regex, errorMessage: config.id.errorMessage } }],
			},
		],
	};
}
