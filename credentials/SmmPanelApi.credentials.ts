import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** The panel URL as the user typed it, without the trailing slashes some docs show. */
export function panelApiUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.url ?? '')
		.trim()
		.replace(/\/+$/, '');
}

const notAPanelApi =
	'This URL did not answer like an SMM panel API. Copy the API URL from the panel\'s API page (it usually ends in /api/v2) and check the API key. (A few panels answer with JSON this test cannot read; if the URL and key are right, save anyway: the node reads those answers.)';

export class SmmPanelApi implements ICredentialType {
	name = 'smmPanelApi';

	displayName = 'SMM Panel API';

	icon: Icon = {
		light: 'file:../nodes/SmmPanel/smmPanel.svg',
		dark: 'file:../nodes/SmmPanel/smmPanel.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-smm-panel/n8n-nodes-smm-panel#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://panel.example/api/v2',
			description: "The panel's API URL, as its API page gives it",
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "Your API key, from the panel's API or account page",
		},
	];

	/** The key travels only in the POST body: never in the URL, a header or a query string. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = (requestOptions.body ?? {}) as Record<string, unknown>;
		return {
			...requestOptions,
			url: requestOptions.url || panelApiUrl(credentials),
			body: { ...body, key: credentials.apiKey },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.url.trim().replace(/\\/+$/, "")}}',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: { action: 'balance' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Invalid API key',
					message: 'The panel answered "Invalid API key": copy the key again from the panel\'s API page.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Incorrect request',
					message:
						'The panel answered "Incorrect request": the URL reaches a panel, but it did not accept the request. Check that the URL is the API URL (often ending in /api/v2).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'balance', value: undefined, message: notAPanelApi },
			},
		],
	};
}
