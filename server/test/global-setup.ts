// Placeholder until the database harness lands: nothing to prepare globally yet.
export default function setup(): void {}
