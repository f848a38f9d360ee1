/**
 * A limit the node cannot check is a refusal: a service the panel lists without a rate is not
 * ordered under Max Charge Per Order or Max Spend Per Execution.
 */
import { blockRealNetwork, fakePanel, json, runPanelNode, serviceById } from '../action/support';

blockRealNetwork();

test('a service listed without a rate is refused under a charge limit, and nothing is placed', async () => {
	const panel = fakePanel((form) =>
		form.action === 'services'
			? json([{ service: 7, name: 'Mystery Followers', type: 'Default', category: 'Followers', min: '10', max: '1000' }])
			: json({ order: 1 }),
	);
	const run = await runPanelNode({
		panel,
		parameters: {
			resource: 'order',
			operation: 'create',
			service: serviceById('7'),
			orderType: 'default',
			link: 'https://instagram.com/shop',
			quantity: 100,
			additionalFields: { maxChargePerOrder: 5 },
		},
		continueOnFail: true,
	});
	expect(run.json).toEqual([{ error: expect.stringMatching(/^Not placed: the panel's service list gives no rate for service 7/), description: expect.any(String) }]);
	expect(panel.ofAction('add')).toHaveLength(0);
});
