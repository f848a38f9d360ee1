const { src, dest } = require('gulp');

/** tsc compiles the code; the icons the node and credential point at are copied beside it. */
function buildIcons() {
	return src('nodes/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/nodes'));
}

exports['build:icons'] = buildIcons;
