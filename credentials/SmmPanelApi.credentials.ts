import type {
	ICredentialDataDecryptedObject,
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
	// The Test button is the SMM Panel node's `smmPanelApiTest`: it reads every panel dialect's answer.
}
