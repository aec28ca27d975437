import Segq
print("segq")
