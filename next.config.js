// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // This repository is the workspace root, whatever lockfiles exist above it.
  turbopack: { root: __dirname },
  outputFileTracingRoot: __dirname,
  // `npm test` and `npm run typecheck` run tsc over the whole repository; the build only compiles, so a type error
  // in some other area's test file cannot stop `npm start`, and the build stays ~10 s faster.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Keep class names in server bundles: broker-core names its errors after their classes (RemotingConnectError
    // ...), lib/server tells them apart by name across bundles, and logs stay readable.
    serverMinification: false,
  },
};

module.exports = nextConfig;
