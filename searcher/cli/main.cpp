int main() { return 2; }  // (being written)
