declare module 'mailauth/lib/dkim/verify.js' {
  export function dkimVerify(
    message: string | Buffer,
    options?: { resolver?: (name: string, type: string) => Promise<unknown> },
  ): Promise<{
    results: {
      status: { result: string };
      signingDomain: string;
      signingHeaders?: { keys: string };
    }[];
  }>;
}
