// Minimal typings for what the generated snippets use, so tsc --strict can check them
// without node_modules: process.env, axios and ky.
declare const process: { env: Record<string, string | undefined> };
declare module "axios" {
  interface AxiosResponse<T> { data: T; status: number }
  interface AxiosStatic {
    get<T = unknown>(url: string, config?: object): Promise<AxiosResponse<T>>;
    delete<T = unknown>(url: string, config?: object): Promise<AxiosResponse<T>>;
    head<T = unknown>(url: string, config?: object): Promise<AxiosResponse<T>>;
    options<T = unknown>(url: string, config?: object): Promise<AxiosResponse<T>>;
    post<T = unknown>(url: string, data?: unknown, config?: object): Promise<AxiosResponse<T>>;
    put<T = unknown>(url: string, data?: unknown, config?: object): Promise<AxiosResponse<T>>;
    patch<T = unknown>(url: string, data?: unknown, config?: object): Promise<AxiosResponse<T>>;
    request<T = unknown>(config: object): Promise<AxiosResponse<T>>;
  }
  const axios: AxiosStatic;
  export default axios;
}
declare module "ky" {
  interface ResponsePromise extends Promise<Response> {
    json<T = unknown>(): Promise<T>;
    text(): Promise<string>;
    blob(): Promise<Blob>;
  }
  type Method = (url: string, options?: object) => ResponsePromise;
  const ky: { get: Method; post: Method; put: Method; patch: Method; delete: Method; head: Method } & ((url: string, options?: object) => ResponsePromise);
  export default ky;
}
