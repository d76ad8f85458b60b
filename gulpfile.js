const { dest, parallel, src } = require('gulp');

/** Icons, referenced by nodes and credentials as file:../icons/… and file:../../icons/… */
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

/** Codex files (categories, documentation links) next to their node. */
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(copyIcons, copyCodex);
exports.default = exports['build:icons'];
