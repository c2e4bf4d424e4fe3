/**
 * Static export served by `chat-server --web-dir web/out` under `/app/`.
 * The API and the socket live on the same origin, so no rewrites are needed.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: 'export',
  basePath: '/app',
  trailingSlash: true,
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
