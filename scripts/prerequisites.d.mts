export declare const BROWSERS: Record<'chromium' | 'firefox' | 'oathtool', { env: string; path: string; apt: string }>;
export declare class MissingPrerequisite extends Error {}
export declare function findBrowser(name: 'chromium' | 'firefox' | 'oathtool'): string;
export declare function isExecutable(file: string): boolean;
export declare function ensureBrowsers(log?: (line: string) => void): void;
export declare function canConnect(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export declare function ensurePostgres(url: string, log?: (line: string) => void): Promise<void>;
