import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IN8nHttpFullResponse,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { panelApiUrl } from '../../../credentials/SmmPanelApi.credentials';
import { readBalance } from './actions';
import { PanelFailure, adviceFor, redact } from './failures';
import { interpretResponse, networkFailure } from './request';

const CHECK_THE_URL =
	"Check the API URL: copy it from the panel's API page (it usually ends in /api/v2; the panel's web address is not it).";

/**
 * The credential's Test button: asks the panel for the balance and reads the answer as the node
 * does, in every dialect. A wrong key shows the panel's own words; a URL that is not a panel's API
 * (HTTP 404, a web page, JSON without a balance) says to check the URL.
 */
export async function testPanelCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = String(data.apiKey ?? '');
	try {
		readBalance(interpretResponse(await askBalance(this, data)));
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: redact(testMessage(networkFailure(error)), apiKey) };
	}
}

async function askBalance(context: ICredentialTestFunctions, data: ICredentialDataDecryptedObject): Promise<IN8nHttpFullResponse> {
	// n8n gives a credential test only its legacy `request` helper.
	const response = (await context.helpers.request({
		method: 'POST',
		uri: panelApiUrl(data),
		form: { key: data.apiKey, action: 'balance' },
		headers: { Accept: 'application/json' },
		resolveWithFullResponse: true,
		simple: false,
		timeout: 30_000,
	})) as IN8nHttpFullResponse;
	return { statusCode: response.statusCode, body: response.body, headers: response.headers ?? {} };
}

function testMessage(failure: PanelFailure): string {
	const { httpCode, panelMessage } = failure.details;
	if (httpCode === 404) {
		const said = panelMessage ? ` ("${panelMessage}")` : '';
		return `Nothing answers as an SMM panel API at this URL (HTTP 404${said}). ${CHECK_THE_URL}`;
	}
	switch (failure.kind) {
		case 'panelError':
			return `The panel answered "${panelMessage ?? failure.message}". ${adviceFor(panelMessage ?? failure.message)}`;
		case 'rateLimited':
		case 'serverError':
		case 'network':
			return `${failure.message}. ${failure.kind === 'network' ? CHECK_THE_URL : 'The URL reaches a panel: try again in a minute.'}`;
		default:
			return `This URL did not answer like an SMM panel API (${failure.message}). ${CHECK_THE_URL}`;
	}
}
