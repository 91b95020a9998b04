export declare const PROGRAMS: Record<
  'chromium' | 'firefox' | 'oathtool' | 'nginx' | 'apache2' | 'python3',
  { env: string; path: string; apt: string; probe?: string[] }
>;
export declare class MissingPrerequisite extends Error {}
export declare function findProgram(
  name: 'chromium' | 'firefox' | 'oathtool' | 'nginx' | 'apache2' | 'python3',
): string;
export declare function isExecutable(file: string): boolean;
export declare function ensurePrograms(log?: (line: string) => void): void;
export declare function canConnect(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export declare function ensurePostgres(url: string, log?: (line: string) => void): Promise<void>;
